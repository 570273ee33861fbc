"""Draws the site's icon and social preview into public/ (run with the project's .venv: it has Pillow).

Usage: .venv/bin/python scripts/make-public-assets.py
"""
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

BRAND = "#1f58bf"
INK = "#0f172a"
MUTED = "#475569"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
FONT_REGULAR = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
public = Path(__file__).resolve().parent.parent / "public"


def mark(size: int) -> Image.Image:
    """The rounded square with an H, as in the site's header."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 5, fill=BRAND)
    font = ImageFont.truetype(FONT, int(size * 0.62))
    draw.text((size / 2, size / 2), "H", font=font, fill="white", anchor="mm")
    return image


def social_preview() -> Image.Image:
    image = Image.new("RGB", (1200, 630), "white")
    image.paste(mark(160), (90, 150), mark(160))
    draw = ImageDraw.Draw(image)
    draw.text((290, 230), "Heldout", font=ImageFont.truetype(FONT, 110), fill=INK, anchor="lm")
    lines = [
        "Leaderboards for meta-learning and sample-efficient RL,",
        "scored on held-out tasks with honest uncertainty.",
    ]
    body = ImageFont.truetype(FONT_REGULAR, 36)
    for i, line in enumerate(lines):
        draw.text((90, 390 + i * 58), line, font=body, fill=MUTED)
    draw.rectangle((0, 610, 1200, 630), fill=BRAND)
    return image


public.mkdir(exist_ok=True)
mark(256).save(public / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
mark(180).save(public / "apple-touch-icon.png")
social_preview().save(public / "og.png", optimize=True)
