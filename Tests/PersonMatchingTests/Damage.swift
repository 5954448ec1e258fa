import Foundation
import PersonMatching
import VietnameseText

/// What a school spreadsheet does to a person's data (DOMAIN.md §1.5, §2).
enum Damage: CaseIterable {
    case noDiacritics, nfd, tcvn3, vni, allCaps, familyLast, dropMiddle, regionalVariant
    case givenTypo, dayMonthSwap, yearOnly, previousDay, noSex, noProvince

    static let frequencies: [(Damage, Double)] = [
        (.noDiacritics, 0.15), (.nfd, 0.05), (.tcvn3, 0.03), (.vni, 0.02), (.allCaps, 0.1),
        (.familyLast, 0.03), (.dropMiddle, 0.05), (.regionalVariant, 0.03), (.givenTypo, 0.03),
        (.dayMonthSwap, 0.04), (.yearOnly, 0.04), (.previousDay, 0.02), (.noSex, 0.03), (.noProvince, 0.2),
    ]

    func apply(to record: inout PersonRecord, person: RegistryPerson) {
        switch self {
        case .noDiacritics:
            record.fullName = VietnameseText.titleCased(VietnameseText.fold(record.fullName))
        case .nfd:
            record.fullName = record.fullName.decomposedStringWithCanonicalMapping
        case .tcvn3:
            if let encoded = LegacyVietnamese.encode(record.fullName, to: .tcvn3) { record.fullName = encoded }
        case .vni:
            if let encoded = LegacyVietnamese.encode(record.fullName, to: .vni) { record.fullName = encoded }
        case .allCaps:
            record.fullName = record.fullName.uppercased()
        case .familyLast:
            let rest = [person.middleName, person.givenName].filter { !$0.isEmpty }.joined(separator: " ")
            record.fullName = rest + " " + person.familyName
        case .dropMiddle:
            record.fullName = person.familyName + " " + person.givenName
        case .regionalVariant:
            let swaps = ["Hoàng": "Huỳnh", "Huỳnh": "Hoàng", "Vũ": "Võ", "Võ": "Vũ"]
            if let other = swaps[person.familyName] {
                record.fullName = [other, person.middleName, person.givenName].filter { !$0.isEmpty }.joined(separator: " ")
            }
        case .givenTypo:
            var letters = Array(person.givenName)
            if letters.count >= 4 {
                letters.swapAt(1, 2)
                record.fullName = [person.familyName, person.middleName, String(letters)]
                    .filter { !$0.isEmpty }.joined(separator: " ")
            }
        case .dayMonthSwap:
            if let swapped = record.dateOfBirth?.swappingDayAndMonth { record.dateOfBirth = swapped }
        case .yearOnly:
            record.dateOfBirth = record.dateOfBirth.flatMap { CivilDate(year: $0.year) }
        case .previousDay:
            if let date = record.dateOfBirth, let month = date.month, let day = date.day, day > 1 {
                record.dateOfBirth = CivilDate(year: date.year, month: month, day: day - 1)
            }
        case .noSex:
            record.sex = nil
        case .noProvince:
            record.birthProvince = nil
        }
    }
}
