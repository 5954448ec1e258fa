import CitizenID
import Foundation
import Testing
@testable import PersonMatching

@Suite("One ID on records of two different people")
struct DuplicateIDTests {
    private func record(_ id: String, _ name: String, _ dob: String, _ sex: Sex?) -> PersonRecord {
        PersonRecord(citizenID: id, fullName: name, dateOfBirth: CivilDate.parse(dob), sex: sex)
    }

    @Test("the same person typed twice with school damage is one person")
    func samePerson() {
        let a = record("001208123456", "Nguyễn Văn Đức", "05/09/2008", .male)
        for b in [
            record("1208123456", "NguyÔn V¨n §øc", "09/05/2008", .male),
            record("001208123456", "Nguyen Duc", "2008", nil),
            record("001208123456", "Văn Đức Nguyễn".decomposedStringWithCanonicalMapping, "05/09/2008", .male),
        ] {
            #expect(DuplicateIDCheck.assess(a, b).verdict == .samePerson, "\(b.fullName)")
        }
    }

    @Test("a different name, date or sex is a different person")
    func differentPeople() {
        let a = record("001208123456", "Nguyễn Văn Đức", "05/09/2008", .male)
        #expect(DuplicateIDCheck.assess(a, record("001208123456", "Trần Thị Mai", "05/09/2008", .female)).verdict
            == .differentPeople)
        #expect(DuplicateIDCheck.assess(a, record("001208123456", "Nguyễn Văn Đức", "17/03/2008", .male)).verdict
            == .differentPeople)
        #expect(DuplicateIDCheck.assess(a, record("001208123456", "Nguyễn Văn Hùng", "05/09/2008", .male)).verdict
            == .differentPeople)
    }

    @Test("over a batch, only IDs shared by different people are reported, grouped by person")
    func batch() {
        let records = [
            record("001208123456", "Nguyễn Văn Đức", "05/09/2008", .male),
            record("079309000001", "Lê Thị Hoa", "01/02/2009", .female),
            record("'001208123456", "Nguyen Van Duc", "05/09/2008", .male),
            record("001208123456", "Phạm Thị Lan", "12/12/2008", .female),
            record("079309000001", "Le Thi Hoa", "2009", .female),
            record("", "Không Có Mã", "2009", nil),
        ]
        let conflicts = DuplicateIDCheck.conflicts(in: records)
        #expect(conflicts == [DuplicateIDConflict(citizenID: "001208123456", people: [[0, 2], [3]])])
    }
}
