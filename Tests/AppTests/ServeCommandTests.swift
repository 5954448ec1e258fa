import Foundation
import Testing

/// `nemis serve` refusing an address it cannot listen on, from the real executable.
@Suite("nemis serve: the address it listens on")
struct ServeCommandTests {
    @Test func aPortTakenByAnotherProgramIsNamedWithWhatToChange() async throws {
        try await CommandLineScratch.with { scratch in
            let taken = try ListeningSocket()
            defer { taken.close() }
            let run = try await scratch.nemis("serve", "--port", String(taken.port))
            #expect(run.status != 0)
            #expect(run.output.hasSuffix("Error: cannot listen on 127.0.0.1:\(taken.port): Address already in use; "
                + "choose another address with --host and --port (or NEMIS_HOST and NEMIS_PORT)\n"), "\(run.output)")
        }
    }

    @Test func aPortAbove65535IsRefusedBeforeAnythingStarts() async throws {
        try await CommandLineScratch.with { scratch in
            let run = try await scratch.nemis("serve", "--port", "99999")
            #expect(run.status == 64)
            #expect(run.output == "Error: --port (or NEMIS_PORT) is a port number from 0 to 65535, not 99999\n")
            #expect(!FileManager.default.fileExists(atPath: scratch.configuration.sqlitePath), "no database was created")
        }
    }

    /// A variable that is not what it should be is named, rather than the default taken in its place.
    @Test func anEnvironmentVariableThatIsNotAPortOrALevelIsRefused() async throws {
        try await CommandLineScratch.with { scratch in
            // An address not this machine's: were the variable taken as the default port, the server
            // would stop there instead of running on.
            let port = try await scratch.nemis(environment: ["NEMIS_PORT": "80a"], "serve", "--host", "192.0.2.1")
            #expect(port.status == 64)
            #expect(port.output == "Error: NEMIS_PORT is a port number from 0 to 65535, not '80a'\n")
            let level = try await NemisExecutable.run(scratch.executable, ["migrate", "--sqlite", scratch.configuration.sqlitePath], nil,
                                                      environment: ["NEMIS_LOG_LEVEL": "verbose"])
            #expect(level.status == 64)
            #expect(level.output == "Error: NEMIS_LOG_LEVEL is trace, debug, info, notice, warning, error or critical, not 'verbose'\n")
            #expect(!FileManager.default.fileExists(atPath: scratch.configuration.sqlitePath), "no database was created")
        }
    }
}

/// A TCP socket listening on a free loopback port, as another program holding it would.
private struct ListeningSocket {
    let descriptor: Int32
    let port: Int

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && listen(descriptor, 1) == 0
                    && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard descriptor >= 0, bound else { throw TestSetupError("cannot open a listening socket: errno \(errno)") }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() { _ = Glibc.close(descriptor) }
}
