"""One small placeholder SVG per product category (``/static/products/<category>.svg``)."""

from __future__ import annotations

from pathlib import Path

WEB_PRODUCTS_DIR = Path(__file__).resolve().parents[2] / "bot" / "web" / "static" / "products"

# category -> (background colour, simple line drawing in a 120 x 120 box)
GLYPHS: dict[str, tuple[str, str]] = {
    "outerwear": ("#dfe9e4", "M40 10 60 22 80 10 110 30 100 55 90 50V115H30V50L20 55 10 30ZM60 22V115"),
    "footwear": ("#ece4da", "M20 20H55V60L100 75Q112 80 110 95V105H20ZM20 95H110"),
    "tops": ("#e4e6f2", "M40 15 60 25 80 15 110 35 98 55 88 48V110H32V48L22 55 10 35Z"),
    "bottoms": ("#e2e8ef", "M30 10H90L100 110H70L60 45 50 110H20ZM30 25H90"),
    "bags": ("#efe6dc", "M30 30Q30 10 60 10Q90 10 90 30V110H30ZM42 30V20M78 30V20M40 65H80V95H40Z"),
    "camping": ("#e3ebdc", "M60 15 110 105H10ZM60 15V105M45 105 60 70 75 105"),
    "kitchen": ("#efe2dd", "M15 55H85V75Q85 100 60 100H40Q15 100 15 75ZM85 62H110M35 40Q30 30 38 22M55 40Q50 30 58 22"),
    "electronics": ("#e0e6ee", "M35 15H85V110H35ZM50 10H70V15M55 45 45 65H65L55 85"),
    "home": ("#ede7df", "M10 60 60 15 110 60M25 48V110H95V48M50 110V78H70V110"),
    "beauty": ("#f1e3ea", "M40 45H80V110H40ZM50 25H70V45H50ZM45 15H75V25H45ZM48 70H72"),
    "accessories": ("#e6e9e1", "M20 75Q20 30 60 30Q100 30 100 75ZM10 80H110M58 30V22"),
}


def category_svg(category: str) -> str:
    bg, path = GLYPHS[category]
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300" width="400" height="300" role="img" '
            f'aria-label="{category}"><rect width="400" height="300" fill="{bg}"/>'
            f'<path d="{path}" transform="translate(140 70)" fill="none" stroke="#7d8696" stroke-width="6" '
            f'stroke-linejoin="round" stroke-linecap="round"/></svg>\n')


def write_category_svgs(out_dir: Path = WEB_PRODUCTS_DIR) -> list[Path]:
    """Write ``<category>.svg`` for every category; returns the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for category in sorted(GLYPHS):
        path = out_dir / f"{category}.svg"
        path.write_text(category_svg(category), encoding="utf-8")
        paths.append(path)
    return paths
