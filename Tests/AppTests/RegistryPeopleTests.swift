import BulkData
import CitizenID
import Foundation
@testable import Identity
@testable import IdentityVerification
import PersonMatching
import Testing

/// A registry file as the matcher's index, for verifying against a local copy: its people come
/// straight from the file's fields, and must be the people the stand-in service would send.
@Suite("A registry file as the matcher's index")
struct RegistryPeopleTests {
    @Test func theFilesPeopleAreThoseTheServiceWouldSend() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("registry-people-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try PopulationFile.write(people: 3000, seed: 9, to: path, threads: 2)
        let service = try RegistryFile.load(path: path)
        let records = try RegistryFile.people(path: path)
        let sent = try records.map { RegistryPeople.person(try #require(service.citizen($0.citizenID))) }
        #expect(zip(records, sent).filter { RegistryPeople.person($0) != $1 }.isEmpty)
        #expect(sent.allSatisfy { $0 != nil })

        let index = try RegistryPeople.loadIndex(path: path)
        #expect(index.count == 3000)
        for person in sent.compactMap({ $0 }) where index.lookup(citizenID: person.citizenID) != person {
            Issue.record("\(person.citizenID.digits) is not in the index as the service sends it")
        }
    }
}
