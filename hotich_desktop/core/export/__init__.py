"""The outbox: approved books leave as the "phần mềm 158" package (workbook + zip of PDFs + manifest)."""
