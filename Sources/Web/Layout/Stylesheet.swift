/// The pages' only stylesheet, inlined in each page: about 1 KB compressed, which costs less on a
/// slow connection than a second request, and nothing is fetched from elsewhere.
/// System fonts; one column on a phone; colours with at least 4.5:1 contrast (WCAG AA); a visible
/// focus ring for keyboard users.
enum Stylesheet {
    static let css = """
        *{box-sizing:border-box}
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1a1a1a;background:#fafafa;line-height:1.45}
        a{color:#0b4f8a}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
        header :focus-visible{outline-color:#fff}
        .skip{position:absolute;left:-999px;top:0;background:#fff;color:#0b4f8a;padding:.5rem 1rem}.skip:focus{left:0;z-index:2}
        .sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
        header{background:#0b4f8a;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;align-items:center;gap:.3rem 1.2rem}
        header a{color:#fff}.brand span{opacity:.9;font-size:.9rem}
        nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.2rem 1rem}
        nav a[aria-current]{font-weight:700;text-decoration-thickness:3px}
        .tools{margin-left:auto;display:flex;flex-wrap:wrap;align-items:center;gap:.4rem .8rem}.tools form{margin:0}
        main{max-width:64rem;margin:0 auto;padding:1rem}
        table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #ccc;vertical-align:top}
        thead th{background:#e8eff7}.scroll{overflow-x:auto}
        label{display:block;margin:.6rem 0 .2rem}input,select,textarea{padding:.4rem;font-size:1rem;max-width:100%;border:1px solid #767676}
        button{padding:.45rem 1rem;font-size:1rem;cursor:pointer}
        .error{color:#a40000;font-weight:600}.muted{color:#4f4f4f}.ok{color:#0a6b2b;font-weight:600}
        .notice{background:#fff;border-left:4px solid #0b4f8a;padding:.5rem .8rem}
        .cards{display:flex;flex-wrap:wrap;gap:.8rem}.card{background:#fff;border:1px solid #ccc;padding:.6rem 1rem;min-width:9rem}
        .card b{display:block;font-size:1.6rem}
        .bad{border:2px solid #a40000;background:#fff3f3}.grid input{width:3.6rem;text-align:center}.grid td,.grid th{padding:.3rem}
        .grid td.avg{font-weight:700}.grid tr.errors td{color:#a40000;border-bottom:2px solid #a40000}
        @media (max-width:40rem){header{padding:.5rem}.tools{margin-left:0}main{padding:.6rem}}
        """
}
