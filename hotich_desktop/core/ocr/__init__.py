"""OCR assist: Tesseract (vie) reads each entry crop; values are mapped to the form's fields."""
