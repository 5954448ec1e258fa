import Foundation

/// Server-rendered HTML without a template engine: every value passes through `escape`, so text from
/// the database can never become markup.
enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static func query(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+?#"))) ?? ""
    }

    /// The page frame: system fonts, no script, no external resource, readable on a phone.
    static func page(title: String, signedInAs user: String?, csrf: String?, body: String) -> String {
        let nav: String
        if let user {
            nav = """
                <nav><a href="/">Trang chủ</a> <a href="/schools">Trường học</a> <a href="/learners">Học sinh</a>
                <form method="post" action="/sign-out" class="inline"><input type="hidden" name="csrf" value="\(escape(csrf ?? ""))">
                <span class="who">\(escape(user))</span> <button>Đăng xuất</button></form></nav>
                """
        } else {
            nav = "<nav><a href=\"/\">Trang chủ</a></nav>"
        }
        return """
            <!doctype html>
            <html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title)) · NEMIS</title>
            <style>
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1a1a1a;background:#fafafa;line-height:1.45}
            header{background:#0b4f8a;color:#fff;padding:.6rem 1rem}header a{color:#fff}
            nav a,nav button{margin-right:.8rem}nav{display:flex;flex-wrap:wrap;align-items:center;gap:.2rem}
            main{max-width:60rem;margin:0 auto;padding:1rem}
            table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #ddd}
            th{background:#eef3f8}a{color:#0b4f8a}.inline{display:inline}.who{margin-right:.4rem}
            label{display:block;margin:.6rem 0 .2rem}input{padding:.4rem;font-size:1rem;max-width:100%}
            button{padding:.4rem .9rem;font-size:1rem}.error{color:#a40000;font-weight:600}.muted{color:#555}
            .cards{display:flex;flex-wrap:wrap;gap:.8rem}.card{background:#fff;border:1px solid #ddd;padding:.6rem 1rem;min-width:9rem}
            .card b{display:block;font-size:1.6rem}
            </style></head>
            <body><header><strong>NEMIS</strong> — Cơ sở dữ liệu ngành giáo dục \(nav)</header>
            <main>\(body)</main></body></html>
            """
    }
}
