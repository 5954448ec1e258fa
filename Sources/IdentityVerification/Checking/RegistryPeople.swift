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
    /// stand-in service's: any bad row fails the load. Its people become the matcher's straight
    /// from the file's fields, without the stand-in service's index or the wire form's text
    /// between. (Converting them on all cores saved half a second of two million people's six and
    /// cost a hundred megabytes: each core's chunk stayed in the allocator after it was joined.)
    static func loadIndex(path: String) throws -> PersonMatching.RegistryIndex {
        var people: [RegistryPerson] = []
        do { // the file's rows are let go once converted
            let records = try RegistryFile.people(path: path)
            people.reserveCapacity(records.count)
            for record in records { if let person = person(record) { people.append(person) } }
        }
        return PersonMatching.RegistryIndex(people)
    }

    /// Nil for an ID that is not a citizen ID (a file's rows are only checked for 12 digits).
    static func person(_ record: Identity.RegistryIndex.Record) -> RegistryPerson? {
        try? RegistryPerson(
            citizenID: record.citizenID, familyName: record.family, middleName: record.middle, givenName: record.given,
            dateOfBirth: PersonMatching.CivilDate(packed: record.packedBirthDate), sex: record.female ? .female : .male,
            birthProvince: record.birthProvince)
    }
}
