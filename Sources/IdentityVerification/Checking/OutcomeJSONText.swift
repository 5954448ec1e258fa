import PersonMatching
import Platform

// A run stores an outcome and a checked record for every person it checks; their JSON text is
// written member by member (`JSONTextWritable`), in key order, nil members left out.

extension IdentityCheckOutcome: JSONTextWritable {
    public func write(to json: inout JSONTextBuilder) {
        json.object { json in
            json.member("candidateID", candidateID)
            json.member("candidates", candidates)
            json.member("corrections", corrections)
            json.key("disagreements")
            json.array(disagreements) { json, field in field.write(to: &json) }
            json.member("linkWeight", linkWeight)
            json.member("linkedID", linkedID)
            json.member("namesakes", namesakes)
            json.member("problems", problems)
            json.member("search", search)
            json.member("status", status)
            json.member("weight", weight)
        }
    }
}

extension IdentityCheckOutcome.Candidate: JSONTextWritable {
    public func write(to json: inout JSONTextBuilder) {
        json.object { json in
            json.member("birthProvince", birthProvince)
            json.member("citizenID", citizenID)
            json.member("dateOfBirth", dateOfBirth)
            json.key("fields")
            json.array(fields) { json, field in field.write(to: &json) }
            json.member("fullName", fullName)
            json.member("matchProbability", matchProbability)
            json.member("sex", sex)
            json.member("weight", weight)
        }
    }
}

extension IdentityCheckOutcome.Problem: JSONTextWritable {
    public func write(to json: inout JSONTextBuilder) {
        json.object { json in
            json.member("code", code)
            json.member("messageEN", messageEN)
            json.member("messageVI", messageVI)
        }
    }
}

extension IdentityCheckOutcome.Correction: JSONTextWritable {
    public func write(to json: inout JSONTextBuilder) {
        json.object { json in
            json.member("current", current)
            json.member("field", field)
            json.member("reasonEN", reasonEN)
            json.member("reasonVI", reasonVI)
            json.member("suggested", suggested)
        }
    }
}

extension CheckedRecord: JSONTextWritable {
    public func write(to json: inout JSONTextBuilder) {
        json.object { json in
            json.member("citizenID", citizenID)
            json.member("dateOfBirth", dateOfBirth)
            json.member("fullName", fullName)
            json.member("sex", sex)
        }
    }
}

extension FieldExplanation {
    /// Written here rather than in PersonMatching, which knows nothing of the platform's JSON.
    func write(to json: inout JSONTextBuilder) {
        json.object { json in
            json.member("evidence", evidence)
            json.member("field", field.rawValue)
            json.member("labelEN", labelEN)
            json.member("labelVI", labelVI)
            json.member("level", level)
            json.member("weight", weight)
        }
    }
}
