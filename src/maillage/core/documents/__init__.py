"""The one place where files are built from user text: PDF, CSV and XLSX.

User text is data, never markup: every builder cleans it (`text.clean`) and escapes it for
its format, so a need titled `<img src="/dev/zero">` prints those characters and nothing else.
"""
