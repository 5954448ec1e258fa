"""The web pages in a real browser against `nemis serve --demo`: each role signs in and does its
main task, on a phone-sized screen, without JavaScript of ours."""
import http.cookiejar
import json
import urllib.request

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

PASSWORD = "nemis-demo-2026"


def sign_in(browser, base_url, username):
    browser.get(base_url + "/")
    browser.find_element(By.ID, "username").send_keys(username)
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "main form button").click()
    wait_for_heading(browser, "Xin chào")


def wait_for_heading(browser, prefix):
    """Waits for the page whose heading starts with `prefix`: a click's navigation may still be under way,
    so the heading found may belong to the page being left and be detached before it is read (Chromium
    then answers with a stale element, or with an inspector error about a node no longer in the document)."""
    WebDriverWait(browser, 10, ignored_exceptions=(WebDriverException,)).until(
        lambda driver: driver.find_element(By.TAG_NAME, "h1").text.startswith(prefix))


def wait_for_job_page(browser, text, seconds):
    """Waits for `text` in the main part of a job's page, which reloads itself (no script) until the job is
    done: the element found just before a reload may be detached when read, as in `wait_for_heading`."""
    WebDriverWait(browser, seconds, ignored_exceptions=(WebDriverException,)).until(
        lambda driver: text in driver.find_element(By.TAG_NAME, "main").text)


def wait_for_text(browser, selector, text):
    """Waits for an element holding `text`: after a form posts back to a page with the same heading, the
    heading cannot tell the new page from the old one."""
    WebDriverWait(browser, 10, ignored_exceptions=(WebDriverException,)).until(
        lambda driver: text in driver.find_element(By.CSS_SELECTOR, selector).text)


def nav_link(browser, text):
    return browser.find_element(By.CSS_SELECTOR, "nav").find_element(By.LINK_TEXT, text)


def fits_the_screen(browser):
    """Nothing wider than the viewport: wide tables scroll inside their own box."""
    return browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_verify_page_is_open_to_anyone_and_speaks_english(browser, base_url):
    browser.get(base_url + "/verify")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "vi"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Xác minh học bạ số"
    # The text box is labelled, and an unreadable file is explained, not crashed on.
    browser.find_element(By.CSS_SELECTOR, "label[for=credential]").click()
    browser.switch_to.active_element.send_keys("{not json")
    browser.find_element(By.CSS_SELECTOR, "main form button").click()
    assert "Tệp không phải JSON hợp lệ" in browser.find_element(By.CSS_SELECTOR, "[role=alert]").text
    browser.find_element(By.LINK_TEXT, "English").click()
    wait_for_heading(browser, "Verify an electronic school record")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert fits_the_screen(browser)


def test_school_admin_browses_a_class(browser, base_url):
    sign_in(browser, base_url, "truong.19th001")
    nav_link(browser, "Lớp học").click()
    classes = browser.find_elements(By.CSS_SELECTOR, "#classes + .scroll tbody a")
    assert classes, "the school lists its classes"
    name = classes[0].text
    classes[0].click()
    wait_for_heading(browser, f"Lớp {name}")
    learners = browser.find_elements(By.CSS_SELECTOR, "main tbody a[href^='/learners/']")
    assert len(learners) > 5
    learner = learners[0].text
    learners[0].click()
    wait_for_heading(browser, learner)
    assert fits_the_screen(browser)
    nav_link(browser, "Cán bộ, giáo viên").click()
    wait_for_heading(browser, "Cán bộ, giáo viên")
    assert browser.find_elements(By.CSS_SELECTOR, "main tbody tr")


def test_teacher_enters_a_score_and_sees_the_average(browser, base_url):
    sign_in(browser, base_url, "giaovien.19thcs001")
    nav_link(browser, "Lớp của tôi").click()
    wait_for_heading(browser, "Lớp của tôi")
    browser.find_element(By.CSS_SELECTOR, "a[href*='subject=TOAN&semester=I']:not([href*='II'])").click()
    wait_for_heading(browser, "Sổ điểm Toán")
    first_row = browser.find_element(By.CSS_SELECTOR, "table.grid tbody tr")
    boxes = first_row.find_elements(By.TAG_NAME, "input")
    assert len(boxes) == 6, "four regular assessments, mid-term and end-of-term"
    for box, score in zip(boxes, ["8", "7", "9", "8", "7", "8"]):
        box.clear()
        box.send_keys(score)
    # Every box has a label naming the assessment and the learner.
    label = browser.find_element(By.CSS_SELECTOR, f"label[for='{boxes[0].get_attribute('id')}']")
    assert "Đánh giá thường xuyên 1" in label.get_attribute("textContent")
    browser.find_element(By.CSS_SELECTOR, "main form button").click()
    assert "Đã lưu" in browser.find_element(By.CSS_SELECTOR, "[role=status]").text
    # (8 + 7 + 9 + 8 + 2 × 7 + 3 × 8) / 9 = 7.8
    average = browser.find_element(By.CSS_SELECTOR, "table.grid tbody tr td.avg")
    assert average.text == "7,8"
    assert fits_the_screen(browser)

    # A wrong score is named next to its learner and nothing is saved.
    boxes = browser.find_element(By.CSS_SELECTOR, "table.grid tbody tr").find_elements(By.TAG_NAME, "input")
    boxes[1].clear()
    boxes[1].send_keys("12")
    browser.find_element(By.CSS_SELECTOR, "main form button").click()
    # The new page, not the one before it: only a refused form has an alert.
    alert = browser.find_element(By.CSS_SELECTOR, "[role=alert]").text
    assert "Đánh giá thường xuyên 2" in alert and "12" in alert
    assert browser.find_element(By.CSS_SELECTOR, "input[aria-invalid=true]").get_attribute("value") == "12"
    assert browser.find_element(By.CSS_SELECTOR, "table.grid tbody tr td.avg").text == "7,8"


def test_school_admin_imports_a_file_of_learners(browser, base_url, tmp_path):
    sign_in(browser, base_url, "truong.19th001")
    nav_link(browser, "Nhập dữ liệu từ tệp").click()
    wait_for_heading(browser, "Nhập dữ liệu từ tệp")
    # An Excel-style export: semicolons, a byte order mark, a name typed in capitals.
    file = tmp_path / "hoc-sinh-moi.csv"
    file.write_text("\ufeffMã định danh;Số định danh cá nhân;Họ và tên;Ngày sinh;Giới tính;Mã trường\n"
                    ";019219999901;ĐINH VĂN KHÁNH;05/09/2019;Nam;19TH001\n"
                    ";019319999902;Lò Thị Mai;12/03/2019;Nữ;19TH001\n", encoding="utf-8")
    browser.find_element(By.CSS_SELECTOR, "select#kind option[value=learners]").click()
    browser.find_element(By.ID, "file").send_keys(str(file))
    browser.find_element(By.CSS_SELECTOR, "main form button").click()
    wait_for_heading(browser, "Nhập dữ liệu từ tệp: hoc-sinh-moi.csv")
    # The job page reloads itself (no script) until the import is done.
    wait_for_job_page(browser, "đã ghi", 20)
    assert "Thêm mới" in browser.find_element(By.TAG_NAME, "main").text
    assert fits_the_screen(browser)


def test_department_officer_reads_the_statistics(browser, base_url):
    sign_in(browser, base_url, "so.thainguyen")
    nav_link(browser, "Thống kê").click()
    wait_for_heading(browser, "Học sinh theo tỉnh và cấp học")
    chart = browser.find_element(By.CSS_SELECTOR, "main figure svg[role=img]")
    assert chart.find_elements(By.TAG_NAME, "rect"), "the chart has bars"
    assert "Thái Nguyên" in browser.find_element(By.CSS_SELECTOR, "main table").text
    assert fits_the_screen(browser)


def test_school_admin_verifies_identities_and_confirms_a_match(browser, base_url):
    sign_in(browser, base_url, "truong.19th001")
    nav_link(browser, "Xác thực định danh").click()
    wait_for_heading(browser, "Xác thực định danh")
    browser.find_element(By.XPATH, "//main//form//button[text()='Xác thực ngay']").click()
    # The page reloads itself (no script) until the run against the demo's registry is done.
    wait_for_job_page(browser, "đã xong", 60)
    main = browser.find_element(By.TAG_NAME, "main")
    assert main.find_elements(By.CSS_SELECTOR, "figure svg[role=img] rect"), "the rate chart has bars"
    assert "19TH001" in main.text
    assert fits_the_screen(browser)

    browser.find_element(By.LINK_TEXT, "Hàng đợi rà soát").click()
    wait_for_heading(browser, "Hàng đợi rà soát")
    proposals = browser.find_elements(By.CSS_SELECTOR, "main section.card")
    assert proposals, "learners without an ID on file have proposed matches"
    name = proposals[0].find_element(By.TAG_NAME, "h2").text
    assert "ngày sinh:" in proposals[0].text, "the evidence is shown field by field"
    proposals[0].find_element(By.XPATH, ".//button[text()='Xác nhận là cùng một người']").click()
    # The queue comes back under the same heading: wait for the decided proposal to leave it.
    WebDriverWait(browser, 10, ignored_exceptions=(WebDriverException,)).until(
        lambda driver: name not in driver.find_element(By.TAG_NAME, "main").text)
    assert fits_the_screen(browser)


def test_ministry_reads_the_exam_figures_and_the_analyst_sees_no_identity(browser, base_url):
    sign_in(browser, base_url, "bo.admin")
    nav_link(browser, "Thi tốt nghiệp và tuyển sinh").click()
    WebDriverWait(browser, 10).until(lambda driver: "Thái Nguyên" in driver.find_element(By.TAG_NAME, "main").text)
    # The demo's season has its one registered candidate.
    assert browser.find_elements(By.CSS_SELECTOR, "main figure svg[role=img]"), "the figures are charted"
    assert fits_the_screen(browser)
    browser.find_element(By.CSS_SELECTOR, "header form button").click()
    # Signed out once the sign-in form is back: going on before that can abort the sign-out's post
    # and come back to the same session's home page.
    WebDriverWait(browser, 10, ignored_exceptions=(WebDriverException,)).until(
        lambda driver: driver.find_elements(By.ID, "username"))
    sign_in(browser, base_url, "bo.phantich")
    links = [link.text for link in browser.find_elements(By.CSS_SELECTOR, "nav a")]
    assert "Thống kê" in links and "Xác thực định danh" not in links
    nav_link(browser, "Học sinh").click()
    wait_for_heading(browser, "Học sinh")
    browser.find_elements(By.CSS_SELECTOR, "main tbody a[href^='/learners/']")[0].click()
    WebDriverWait(browser, 10).until(lambda driver: "Mã học sinh" in driver.find_element(By.TAG_NAME, "main").text)
    assert "Số định danh cá nhân" not in browser.find_element(By.TAG_NAME, "main").text, "no citizen ID without identity:read"


def test_health_officer_records_a_check(browser, base_url):
    sign_in(browser, base_url, "yte.19th001")
    nav_link(browser, "Học sinh").click()
    wait_for_heading(browser, "Học sinh")
    learner = browser.find_elements(By.CSS_SELECTOR, "main tbody a[href^='/learners/']")[0]
    name = learner.text
    learner.click()
    wait_for_heading(browser, name)
    browser.find_element(By.LINK_TEXT, "Khám sức khỏe định kỳ").click()
    wait_for_heading(browser, "Khám sức khỏe")
    # The date box is the browser's own date picker: typed as the locale shows it.
    browser.execute_script("document.getElementById('checkedOn').value = '2026-10-15'")
    browser.find_element(By.ID, "heightCm").send_keys("125,5")
    browser.find_element(By.ID, "weightKg").send_keys("24")
    browser.find_element(By.ID, "visionLeft").send_keys("10/10")
    browser.find_element(By.XPATH, "//main//form//button[text()='Lưu kết quả khám']").click()
    wait_for_text(browser, "[role=status]", "Đã lưu kết quả khám.")
    row = browser.find_element(By.CSS_SELECTOR, "main tbody tr").text
    assert "15/10/2026" in row and "125,5" in row and "15,2" in row
    assert fits_the_screen(browser)


def demo_candidate(base_url):
    """The demo's exam candidate signs in with their citizen ID: read, as the ministry, from the
    season's registrations through the API."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    opener.open(urllib.request.Request(base_url + "/api/v1/session", headers={"content-type": "application/json"},
                                       data=json.dumps({"username": "bo.admin", "password": PASSWORD}).encode()))
    season = json.load(opener.open(base_url + "/api/v1/exam-seasons"))["items"][0]
    registrations = json.load(opener.open(f"{base_url}/api/v1/exam-seasons/{season['id']}/registrations"))["items"]
    return registrations[0]["citizenId"]


def test_exam_candidate_reads_the_registration_and_is_told_about_the_fee(browser, base_url):
    browser.get(base_url + "/")
    browser.find_element(By.ID, "username").send_keys(demo_candidate(base_url))
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "main form button").click()
    # A candidate's account lands on their own exam.
    wait_for_heading(browser, "Kỳ thi tốt nghiệp THPT năm")
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Toán, Ngữ văn, Vật lí, Hoá học" in main
    assert "Lệ phí: 50.000 đ · Chưa nộp" in main
    assert "Chưa công bố kết quả." in main
    assert fits_the_screen(browser)
    # The demo runs without a payment gateway: paying is explained, not crashed on.
    browser.find_element(By.XPATH, "//main//form//button[text()='Nộp lệ phí trực tuyến']").click()
    wait_for_text(browser, "[role=alert]", "NEMIS_PAYMENT_GATEWAY_URL")
