import Platform

// An import stores two documents of every learner and staff member it writes (with and without the
// citizen ID), 24 million learners for the country; their JSON text is written member by member
// (`JSONTextWritable`), in key order by UTF-8 bytes, nil members left out, as `JSON.encoder` writes it.

extension Learner: JSONTextWritable {
    public func write(to json: inout JSONTextBuilder) {
        json.object { json in
            json.member("birthplace", birthplace)
            json.member("citizenId", citizenId)
            json.member("dateOfBirth", dateOfBirth?.description)
            json.member("ethnicity", ethnicity)
            json.member("familyName", familyName)
            json.member("fullName", fullName)
            json.member("givenName", givenName)
            json.member("id", id)
            json.member("learnerCode", learnerCode)
            json.member("middleName", middleName)
            json.member("schoolCode", schoolCode)
            json.member("sex", sex)
            json.member("status", status)
        }
    }
}

extension Staff: JSONTextWritable {
    public func write(to json: inout JSONTextBuilder) {
        json.object { json in
            json.member("citizenId", citizenId)
            json.member("dateOfBirth", dateOfBirth?.description)
            json.member("employments", employments)
            json.member("ethnicity", ethnicity)
            json.member("familyName", familyName)
            json.member("fullName", fullName)
            json.member("givenName", givenName)
            json.member("id", id)
            json.member("middleName", middleName)
            json.member("position", position)
            json.member("professionalTitle", professionalTitle)
            if let qualifications {
                json.key("qualifications")
                json.array(qualifications) { json, qualification in json.string(qualification) }
            }
            json.member("sex", sex)
            json.member("staffCode", staffCode)
        }
    }
}

extension Staff.Employment: JSONTextWritable {
    public func write(to json: inout JSONTextBuilder) {
        json.object { json in
            json.member("endDate", endDate?.description)
            json.member("position", position)
            json.member("schoolCode", schoolCode)
            json.member("startDate", startDate.description)
        }
    }
}
