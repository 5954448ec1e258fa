extension BulkFormat {
    /// Schools (`POST /schools`), keyed by the school code the department issued. The managing
    /// department must already exist in the tree (code `SGD` + the 2-digit province code).
    public static let schools = BulkFormat(kind: .schools, columns: [
        CommonColumns.schoolCode(note: "Mã do Sở GD&ĐT cấp, không thay đổi"),
        BulkColumn("name", header: "Tên trường", nameEN: "School name", required: true,
                   note: "Tên đầy đủ, có dấu", value: .text, apiField: "name"),
        BulkColumn("levels", header: "Cấp học", nameEN: "Levels", required: true,
                   note: "Một hoặc nhiều, cách nhau bởi dấu ; (\(Vocabulary.schoolLevel.entries.map(\.label).joined(separator: "; ")))",
                   value: .list(.schoolLevel), apiField: "levels"),
        BulkColumn("ownership", header: "Loại hình", nameEN: "Ownership", required: true,
                   note: Vocabulary.ownership.labelsVI, value: .choice(.ownership), apiField: "ownership"),
        BulkColumn("commune_code", header: "Mã xã/phường", nameEN: "Commune code", required: true,
                   note: "5 chữ số, danh mục đơn vị hành chính từ 01/7/2025", value: .fixedDigits(5), apiField: "communeCode"),
        BulkColumn("department_code", header: "Mã Sở GD&ĐT", nameEN: "Department code", required: true,
                   note: "Mã đơn vị quản lý, ví dụ SGD19", value: .code, apiField: "departmentCode"),
        BulkColumn("status", header: "Trạng thái", nameEN: "Status", required: false,
                   note: "\(Vocabulary.schoolStatus.labelsVI); để trống là Đang hoạt động",
                   value: .choice(.schoolStatus), apiField: "status"),
        BulkColumn("address", header: "Địa chỉ", nameEN: "Address", required: false, note: "Số nhà, đường, xã/phường, tỉnh",
                   value: .text, apiField: "address"),
        BulkColumn("phone", header: "Điện thoại", nameEN: "Phone", required: false, note: "10 chữ số (di động) hoặc 11 chữ số (cố định), bắt đầu bằng 0",
                   value: .phone, apiField: "phone"),
        BulkColumn("email", header: "Thư điện tử", nameEN: "Email", required: false, note: "Ví dụ: c1.abc@thainguyen.edu.vn",
                   value: .email, apiField: "email"),
        BulkColumn("priority_area", header: "Khu vực ưu tiên", nameEN: "Priority area", required: false,
                   note: "Khu vực tuyển sinh của trường: \(Vocabulary.priorityArea.labelsVI)", value: .choice(.priorityArea), apiField: "priorityArea"),
    ], naturalKeys: [["school_code"]])
}
