import Platform

/// The Vietnamese words for the API's validation codes, so that a row the Registry refuses is
/// explained to a school in its language; the English text is the API's own message.
enum ImportReasonCatalog {
    static func reason(for error: FieldError) -> ImportReason {
        let vi = vietnamese[error.code] ?? prefixVietnamese(error.code) ?? "Dữ liệu không hợp lệ: \(error.message)"
        return ImportReason(error.code, vi: vi, en: error.message)
    }

    private static func prefixVietnamese(_ code: String) -> String? {
        code.hasPrefix("citizenId.") ? "Số định danh cá nhân không khớp với giới tính hoặc năm sinh, hoặc không hợp lệ" : nil
    }

    private static let vietnamese: [String: String] = [
        "name.empty": "Thiếu họ và tên",
        "name.invalid": "Họ và tên chỉ gồm chữ cái, tối đa 100 ký tự",
        "sex.missing": "Thiếu giới tính",
        "sex.invalid": "Giới tính phải là Nam hoặc Nữ",
        "dateOfBirth.missing": "Thiếu ngày sinh",
        "dateOfBirth.future": "Ngày sinh ở tương lai",
        "dateOfBirth.tooOld": "Ngày sinh trước năm 1900",
        "code.invalid": "Mã không hợp lệ: 2–32 chữ cái, chữ số, dấu chấm, gạch ngang hoặc gạch dưới",
        "code.taken": "Mã đã được dùng cho bản ghi khác",
        "school.unknown": "Không có trường với mã này trong phạm vi được phép",
        "learner.unknown": "Không có học sinh với mã định danh này trong phạm vi được phép",
        "class.unknown": "Không có lớp này trong năm học của trường",
        "schoolYear.unknown": "Năm học chưa được khai báo",
        "schoolYear.invalid": "Năm học phải viết dạng 2026-2027",
        "department.unknown": "Không có Sở GD&ĐT với mã này",
        "commune.unknown": "Không có xã/phường với mã này trong danh mục",
        "campus.unknown": "Không có điểm trường với mã này",
        "campus.otherSchool": "Điểm trường thuộc trường khác",
        "staff.notAtSchool": "Giáo viên không công tác tại trường này",
        "staffCode.invalid": "Mã định danh cán bộ không hợp lệ",
        "levels.empty": "Thiếu cấp học",
        "employments.empty": "Thiếu thông tin công tác",
        "grade.invalid": "Khối không phù hợp với cấp học của trường",
        "entryDate.outsideYear": "Ngày nhập học không nằm trong năm học",
        "enrolment.otherSchool": "Học sinh đang thuộc trường khác; cần chuyển trường",
        "enrolment.duplicateActive": "Học sinh đã có một đợt nhập học đang hiệu lực",
        "learner.moveByTransfer": "Học sinh chỉ đổi trường qua thủ tục chuyển trường được trường nhận duyệt",
        "birthYear.invalid": "Năm sinh không hợp lệ",
        "date.invalid": "Ngày không hợp lệ",
        "date.order": "Ngày kết thúc trước ngày bắt đầu",
        "semester.invalid": "Học kỳ phải là I hoặc II",
        "json.invalid": "Giá trị không đúng kiểu dữ liệu",
        "malformed": "Giá trị không đúng kiểu dữ liệu",
        "forbidden": "Tài khoản không có quyền ghi bản ghi này",
        "notFound": "Bản ghi hoặc đơn vị liên quan nằm ngoài phạm vi được phép hoặc không tồn tại",
        "conflict": "Xung đột với dữ liệu đã lưu",
    ]
}
