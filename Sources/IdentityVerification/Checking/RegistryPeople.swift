import CitizenID
import Identity
import PersonMatching

/// The registry's people as the matcher compares them: the wire form (`RegistryCitizen`, the
/// registry's own field names) turned into the matcher's `RegistryPerson`.
enum RegistryPeople {
    /// Nil for a citizen the registry should never have sent (an ID that is not 12 digits).
    static func person(_ citizen: RegistryCitizen) -> RegistryPerson? {
        try? RegistryPerson(
            citizenID: citizen.soDinhDanh, familyName: citizen.ho, middleName: citizen.chuDem, givenName: citizen.ten,
            dateOfBirth: PersonMatching.CivilDate.parse(citizen.ngayThangNamSinh), sex: citizen.gioiTinh,
            birthProvince: citizen.noiDangKyKhaiSinh)
    }

    /// A registry file (the format `nemis population generate` writes) as the matcher's index, for
    /// verifying against a copy of the registry held locally. The file's checks are the
    /// stand-in service's: any bad row fails the load.
    static func loadIndex(path: String) throws -> PersonMatching.RegistryIndex {
        var people: [RegistryPerson] = []
        do {
            let file = try RegistryFile.load(path: path)
            people.reserveCapacity(file.count)
            file.forEachCitizen { citizen in
                if let person = person(citizen) { people.append(person) }
            }
        }
        return PersonMatching.RegistryIndex(people)
    }
}
