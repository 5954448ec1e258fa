"""Fixtures for the browser tests: one headless Chromium for the run, the server's address, and a
screenshot of the page for every failed test, kept under NEMIS_E2E_ARTIFACTS."""
import os
import pathlib

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service


@pytest.fixture(scope="session")
def base_url():
    return os.environ["NEMIS_E2E_URL"].rstrip("/")


@pytest.fixture(scope="session")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("NEMIS_E2E_CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--disable-extensions", "--no-first-run", "--lang=vi",
                     # A phone's viewport: every page must work on one.
                     "--window-size=412,915"):
        options.add_argument(argument)
    # The Debian driver, named explicitly so selenium never tries to download one.
    service = Service(executable_path=os.environ.get("NEMIS_E2E_CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(options=options, service=service)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


@pytest.fixture(autouse=True)
def fresh_session(browser, base_url):
    """Each test starts signed out, in Vietnamese: cookies are cleared on the server's own origin."""
    browser.get(base_url + "/verify")
    browser.delete_all_cookies()
    yield


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed and "browser" in item.funcargs:
        folder = pathlib.Path(os.environ.get("NEMIS_E2E_ARTIFACTS", "/tmp/nemis-e2e"))
        folder.mkdir(parents=True, exist_ok=True)
        driver = item.funcargs["browser"]
        driver.save_screenshot(str(folder / f"{item.name}.png"))
        (folder / f"{item.name}.html").write_text(driver.page_source, encoding="utf-8")
