"""Makes the XLSX fixtures of SpreadsheetTests with real spreadsheet tools.

Run from this folder with openpyxl 3.1.5 and XlsxWriter 3.3.1 installed and LibreOffice
(soffice) on the PATH:

    python3 -m venv /tmp/xlsx-venv && /tmp/xlsx-venv/bin/pip install openpyxl==3.1.5 xlsxwriter==3.3.1
    /tmp/xlsx-venv/bin/python make_fixtures.py

Every value the tests expect is written here, so the two can be read side by side.
"""
import datetime
import os
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile

import openpyxl
import xlsxwriter
from openpyxl.styles import Font
from openpyxl.utils.datetime import CALENDAR_MAC_1904

NFC_NAME = unicodedata.normalize("NFC", "Nguyễn Thị Ánh Tuyết")
NFD_NAME = unicodedata.normalize("NFD", "Trần Đức Hưng")


def openpyxl_students():
    """openpyxl (which writes inline strings): numbers that were IDs, dates, gaps, two sheets."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Học sinh"
    ws.append(["STT", "Họ và tên", "Số định danh", "Ngày sinh", "Điểm TB", "Ghi chú"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    # Row 2: the ID 012345678901 typed into a General cell: Excel keeps 12345678901.
    ws.append([1, NFC_NAME, 12345678901, datetime.date(2008, 5, 17), 8.5, "Lớp trưởng"])
    # Row 3: NFD name; a 12-digit ID shown in scientific notation (1.23E+11).
    ws.append([2, NFD_NAME, 123456789012, datetime.date(2009, 1, 2), 7.25, None])
    ws["C3"].number_format = "0.00E+00"
    # Row 4: gaps in the middle (B, D) and an ID already damaged into text.
    ws.append([3, None, "1.23457E+11", None, 9, "  có khoảng trắng  "])
    # Row 5: empty cells at the end of the row.
    ws.append([4, "Lê Văn Cường", None, None, None, None])
    # Row 7 (row 6 left empty): booleans, an error value, a formula without a cached value.
    ws["A7"] = 5
    ws["B7"] = True
    ws["C7"] = False
    ws["D7"] = "#N/A"
    ws["E7"] = "=E2+E3"
    ws["F7"] = "A & B <C> \"D\" 'E'\nline two"
    # Row 8: dates around the 1900 leap-year bug, a date-time, built-in format 14.
    ws["A8"] = 59
    ws["A8"].number_format = "dd/mm/yyyy"
    ws["B8"] = 60
    ws["B8"].number_format = "dd/mm/yyyy"
    ws["C8"] = 61
    ws["C8"].number_format = "dd/mm/yyyy"
    ws["D8"] = datetime.datetime(2024, 9, 5, 7, 30, 0)
    ws["D8"].number_format = "dd/mm/yyyy hh:mm"
    ws["E8"] = datetime.date(2024, 9, 5)
    ws["E8"].number_format = "mm-dd-yy"  # built-in format 14
    ws["F8"] = 0.5
    ws["F8"].number_format = "[h]:mm"
    # A second sheet, and a cell far to the right.
    classes = wb.create_sheet("Lớp")
    classes.append(["Mã lớp", "Tên lớp"])
    classes.append(["10A1", "Lớp 10A1"])
    classes["AB3"] = "xa"
    wb.save("openpyxl-students.xlsx")


def libreoffice_students():
    """The same workbook opened and saved by LibreOffice: shared strings, and the formula
    in E7 saved with its cached result."""
    out = tempfile.mkdtemp()
    subprocess.run(
        ["soffice", "--headless", "--calc", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out,
         "openpyxl-students.xlsx"],
        check=True, capture_output=True)
    shutil.copy(os.path.join(out, "openpyxl-students.xlsx"), "libreoffice-students.xlsx")


def xlsxwriter_shared():
    """XlsxWriter's default mode: a shared string table with rich-text runs."""
    wb = xlsxwriter.Workbook("xlsxwriter-shared.xlsx")
    ws = wb.add_worksheet("Ghi chú")
    bold = wb.add_format({"bold": True})
    italic = wb.add_format({"italic": True})
    ws.write_string(0, 0, NFC_NAME)
    ws.write_rich_string(1, 0, "Điểm ", bold, "giỏi", " và ", italic, "xuất sắc")
    ws.write_string(2, 0, NFC_NAME)  # the same shared string again
    ws.write_string(2, 2, "_x000D_ literal")  # XlsxWriter escapes the underscore as _x005F_
    ws.write_string(3, 0, "dòng một\r\ndòng hai")
    wb.close()


def xlsxwriter_inline():
    """XlsxWriter in constant-memory mode: inline strings, rich text, cached formula values."""
    wb = xlsxwriter.Workbook("xlsxwriter-inline.xlsx", {"constant_memory": True})
    ws = wb.add_worksheet("Điểm")
    bold = wb.add_format({"bold": True})
    date = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.write_string(0, 0, "Họ và tên", bold)
    ws.write_string(0, 1, "Điểm", bold)
    ws.write_string(0, 2, "Gấp đôi", bold)
    ws.write_string(0, 3, "Ngày thi", bold)
    ws.write_string(1, 0, NFC_NAME)
    ws.write_number(1, 1, 8.5)
    ws.write_formula(1, 2, "=B2*2", None, 17)
    ws.write_datetime(1, 3, datetime.datetime(2025, 6, 26), date)
    ws.write_string(2, 0, NFD_NAME)
    ws.write_number(2, 1, 6)
    ws.write_formula(2, 2, '=IF(B3>5,"Đạt","Chưa đạt")', None, "Đạt")
    ws.write_rich_string(3, 0, "Phạm ", bold, "Minh", " Châu")
    ws.write_string(3, 3, "  giữ khoảng trắng ")
    wb.close()


def libreoffice_formulas():
    """LibreOffice recalculates an openpyxl workbook and saves it with cached results."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Công thức"
    ws.append([2, 3, "=A1*B1", '=IF(A1>1,"lớn","nhỏ")', "=1/0", "=A1<B1"])
    src = tempfile.mkdtemp()
    path = os.path.join(src, "libreoffice-formulas.xlsx")
    wb.save(path)
    out = tempfile.mkdtemp()
    subprocess.run(
        ["soffice", "--headless", "--calc", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, path],
        check=True, capture_output=True)
    shutil.copy(os.path.join(out, "libreoffice-formulas.xlsx"), "libreoffice-formulas.xlsx")


def date1904():
    """A workbook in the 1904 date system (old Excel for Mac)."""
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Mac"
    ws["A1"] = datetime.date(2024, 9, 5)
    ws["A1"].number_format = "dd/mm/yyyy"
    ws["A2"] = 0
    ws["A2"].number_format = "dd/mm/yyyy"
    wb.save("date1904.xlsx")


def zip_bomb():
    """A structurally valid workbook whose sheet is 256 MiB of spaces inside <sheetData>,
    deflated by zlib at level 9 to about 250 KB: about 1,000 times expansion."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "bom"
    tmp = os.path.join(tempfile.mkdtemp(), "plain.xlsx")
    wb.save(tmp)
    with zipfile.ZipFile(tmp) as source, zipfile.ZipFile("zip-bomb.xlsx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", b"<sheetData>" + b" " * (256 << 20))
            bomb.writestr(item.filename, data)


if __name__ == "__main__":
    openpyxl_students()
    libreoffice_students()
    xlsxwriter_shared()
    xlsxwriter_inline()
    libreoffice_formulas()
    date1904()
    zip_bomb()
