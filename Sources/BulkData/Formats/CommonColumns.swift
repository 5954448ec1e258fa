/// Columns several formats share, defined once so their headers and notes agree everywhere.
enum CommonColumns {
    static func schoolCode(note: String = "Mã trường do Sở GD&ĐT cấp", apiField: String = "schoolCode") -> BulkColumn {
        BulkColumn("school_code", header: "Mã trường", nameEN: "School code", required: true, note: note, value: .code, apiField: apiField)
    }

    static func fullName(apiField: String = "fullName") -> BulkColumn {
        BulkColumn("full_name", header: "Họ và tên", nameEN: "Full name", required: true,
                   note: "Họ, tên đệm và tên, có dấu, như trên giấy khai sinh", value: .personName, apiField: apiField)
    }

    static let dateOfBirth = BulkColumn("date_of_birth", header: "Ngày sinh", nameEN: "Date of birth", required: true,
                                        note: "dd/mm/yyyy", value: .date, apiField: "dateOfBirth")

    static let sex = BulkColumn("sex", header: "Giới tính", nameEN: "Sex", required: true,
                                note: Vocabulary.sex.labelsVI, value: .choice(.sex), apiField: "sex")

    static func citizenID(note: String = "12 chữ số (số định danh cá nhân, CCCD); có thể để trống") -> BulkColumn {
        BulkColumn("citizen_id", header: "Số định danh cá nhân", nameEN: "Citizen ID", required: false,
                   note: note, value: .citizenID, apiField: "citizenId")
    }

    static let ethnicity = BulkColumn("ethnicity", header: "Dân tộc", nameEN: "Ethnicity", required: false,
                                      note: "Ví dụ: Kinh, Tày, H'Mông, Khmer", value: .text, apiField: "ethnicity")

    static let schoolYear = BulkColumn("school_year", header: "Năm học", nameEN: "School year", required: true,
                                       note: "Ví dụ: 2026-2027", value: .schoolYear, apiField: "schoolYear")

    static func className(required: Bool, apiField: String = "className") -> BulkColumn {
        BulkColumn("class_name", header: "Tên lớp", nameEN: "Class name", required: required,
                   note: required ? "Ví dụ: 6A1" : "Ví dụ: 6A1; có thể để trống", value: .text, apiField: apiField)
    }

    static func learnerCode(header: String, required: Bool, note: String) -> BulkColumn {
        BulkColumn("learner_code", header: header, nameEN: "Learner code", required: required, note: note, value: .code, apiField: "learnerCode")
    }

    static func staffCode(header: String, required: Bool = true, note: String, key: String = "staff_code",
                          apiField: String = "staffCode") -> BulkColumn {
        BulkColumn(key, header: header, nameEN: key == "staff_code" ? "Staff code" : "Homeroom teacher's staff code", required: required,
                   note: note, value: .code, apiField: apiField)
    }
}
