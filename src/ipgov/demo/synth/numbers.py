"""CN application numbers for synthetic records."""

WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)


def application_number(year: int, type_digit: int, serial: int) -> str:
    digits = f"{year:04d}{type_digit}{serial:07d}"
    check = sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=True)) % 11
    return f"CN{digits}.{'X' if check == 10 else check}"
