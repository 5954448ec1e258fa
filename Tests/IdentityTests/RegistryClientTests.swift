import Foundation
@testable import Identity
import Testing

/// NEMIS's HTTP client against the running stand-in: answers, batches, paging, tokens and settings.
@Suite("Population registry client over HTTP")
struct RegistryClientTests {
    @Test func lookupFindsKnownPeopleAndLeavesOutTheRest() async throws {
        try await RegistryServer.with { server in
            let client = server.client()
            let ids = [RegistryFixtures.binh.soDinhDanh, RegistryFixtures.nam.soDinhDanh, RegistryFixtures.pao.soDinhDanh,
                       RegistryFixtures.unknownID, "12345", RegistryFixtures.binh.soDinhDanh]
            let found = try await client.lookup(ids)
            #expect(Set(found.keys) == [RegistryFixtures.binh.soDinhDanh, RegistryFixtures.nam.soDinhDanh, RegistryFixtures.pao.soDinhDanh])
            #expect(found[RegistryFixtures.binh.soDinhDanh] == RegistryFixtures.binh)
            #expect(found[RegistryFixtures.nam.soDinhDanh]?.ngayThangNamSinh == "2009", "a year-only date of birth stays so")
            #expect(found[RegistryFixtures.pao.soDinhDanh]?.hoVaTen == "Giàng A Páo")
            #expect(client.statistics.requests == 2, "one token, one lookup: \(client.statistics)")
            let nothingSent = try await client.lookup(["12345"])
            #expect(nothingSent.isEmpty, "nothing to ask, nothing sent")
        }
    }

    @Test func lookupSplitsIntoBatchesTheRegistryAccepts() async throws {
        try await RegistryServer.with({ $0.maxBatchSize = 5 }) { server in
            let ids = RegistryFixtures.citizens.map(\.soDinhDanh)
            let client = server.client { $0.batchSize = 4 }
            let inBatches = try await client.lookup(ids)
            #expect(inBatches.count == ids.count)
            #expect(client.statistics.requests == 1 + 3)

            let greedy = server.client { $0.batchSize = 50 }
            let error = await #expect(throws: PopulationRegistryError.self) { try await greedy.lookup(ids) }
            guard case .rejected(_, 413, "batch_too_large", _)? = error else {
                Issue.record("expected a 413 rejection, got \(String(describing: error))")
                return
            }
            #expect(greedy.statistics.retries == 0, "a refused request is not retried")
        }
    }

    @Test func searchFollowsEveryPage() async throws {
        try await RegistryServer.with({ $0.pageSize = 3 }) { server in
            let client = server.client()
            let all = try await client.search(CitizenQuery(hoVaTen: "Nguyễn Văn An", namSinh: 2010))
            #expect(all.map(\.soDinhDanh) == (RegistryFixtures.namesakes + [RegistryFixtures.namesakeElsewhere]).map(\.soDinhDanh).sorted())
            #expect(client.statistics.requests == 1 + 3, "8 people in pages of 3")

            let first = try await client.searchPage(CitizenQuery(hoVaTen: "Nguyễn Văn An", namSinh: 2010, noiDangKyKhaiSinh: "001"))
            #expect(first.items.count == 3 && first.nextPageToken != nil)

            let folded = try await client.search(CitizenQuery(hoVaTen: "  NGUYEN van  an ", namSinh: 2010, noiDangKyKhaiSinh: "079"))
            #expect(folded == [RegistryFixtures.namesakeElsewhere], "diacritics, case and spacing do not matter")
            let women = try await client.search(CitizenQuery(hoVaTen: "Nguyễn Thị An", namSinh: 2010, gioiTinh: .female))
            #expect(women == [RegistryFixtures.womanAn])
            let otherYear = try await client.search(CitizenQuery(hoVaTen: "Nguyễn Văn An", namSinh: 2011))
            #expect(otherYear.isEmpty)

            let local = InProcessPopulationRegistry(index: try RegistryFixtures.index())
            let inProcess = try await local.search(CitizenQuery(hoVaTen: "Nguyễn Văn An", namSinh: 2010))
            #expect(inProcess == all, "the same answers in process")
            let inProcessLookup = try await local.lookup([RegistryFixtures.binh.soDinhDanh, RegistryFixtures.unknownID])
            #expect(inProcessLookup.count == 1)
        }
    }

    @Test func anExpiredTokenIsReplacedAndTheCallGoesThrough() async throws {
        try await RegistryServer.with { server in
            let client = server.client()
            let id = RegistryFixtures.binh.soDinhDanh
            let beforeExpiry = try await client.lookup([id])
            #expect(beforeExpiry.count == 1)
            // The service's clock jumps past the token's life; the client still thinks it is good.
            server.clock.advance(by: 7200)
            let afterExpiry = try await client.lookup([id])
            #expect(afterExpiry.count == 1)
            let stats = client.statistics
            #expect(stats.tokenFetches == 2 && stats.tokenRefreshesAfter401 == 1, "\(stats)")
            #expect(server.service.statistics.unauthorized == 1)
        }
    }

    @Test func wrongCredentialsAreNotRetried() async throws {
        try await RegistryServer.with { server in
            let client = server.client { $0.clientSecret = "wrong" }
            let error = await #expect(throws: PopulationRegistryError.self) { try await client.lookup([RegistryFixtures.binh.soDinhDanh]) }
            #expect(error == .credentialsRejected(status: 401, code: "invalid_client"))
            #expect(client.statistics.requests == 1)
            #expect(error?.description.contains("wrong") == false, "the secret is never in a message")
        }
    }

    @Test func settingsComeFromTheEnvironment() throws {
        #expect(try PopulationClientSettings.fromEnvironment([:]) == nil)
        #expect(throws: PopulationRegistryError.self) { try PopulationClientSettings.fromEnvironment(["NEMIS_POPULATION_URL": "http://x"]) }
        let settings = try #require(try PopulationClientSettings.fromEnvironment([
            "NEMIS_POPULATION_URL": "http://registry:8090/", "NEMIS_POPULATION_CLIENT_ID": "nemis",
            "NEMIS_POPULATION_CLIENT_SECRET": "hush", "NEMIS_POPULATION_RATE_LIMIT": "50", "NEMIS_POPULATION_TIMEOUT_MS": "2500",
        ]))
        #expect(settings.baseURL == "http://registry:8090" && settings.requestsPerSecond == 50 && settings.timeout == .milliseconds(2500))
        #expect(!settings.description.contains("hush"))
    }
}
