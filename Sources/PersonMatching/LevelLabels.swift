/// Short labels for decisions and reports, in English and Vietnamese.
extension NamePartLevel {
    public var labelEN: String {
        switch self {
        case .exact: "same"
        case .foldedEqual: "same without diacritics"
        case .variant: "variant spelling"
        case .typo: "typing error"
        case .partial: "dropped or extra word"
        case .different: "different"
        case .missing: "missing"
        }
    }

    public var labelVI: String {
        switch self {
        case .exact: "trùng"
        case .foldedEqual: "trùng khi bỏ dấu"
        case .variant: "biến thể chính tả"
        case .typo: "lỗi gõ"
        case .partial: "thiếu hoặc thừa chữ"
        case .different: "khác"
        case .missing: "không có"
        }
    }
}

extension DateLevel {
    public var labelEN: String {
        switch self {
        case .exact: "same"
        case .dayMonthSwapped: "day and month swapped"
        case .offByOneDay: "one day apart"
        case .sameYearOnly: "same year (only the year known)"
        case .different: "different"
        case .missing: "missing"
        }
    }

    public var labelVI: String {
        switch self {
        case .exact: "trùng"
        case .dayMonthSwapped: "đảo ngày và tháng"
        case .offByOneDay: "lệch một ngày"
        case .sameYearOnly: "trùng năm (chỉ có năm)"
        case .different: "khác"
        case .missing: "không có"
        }
    }
}

extension SexLevel {
    public var labelEN: String {
        switch self {
        case .same: "same"
        case .different: "different"
        case .unknown: "unknown"
        }
    }

    public var labelVI: String {
        switch self {
        case .same: "trùng"
        case .different: "khác"
        case .unknown: "không rõ"
        }
    }
}

extension ProvinceLevel {
    public var labelEN: String {
        switch self {
        case .same: "same"
        case .different: "different"
        case .unknown: "unknown"
        }
    }

    public var labelVI: String {
        switch self {
        case .same: "trùng"
        case .different: "khác"
        case .unknown: "không rõ"
        }
    }
}
