"""Judges a logo cell as a person would see it: is its picture loaded, and is anything drawn in it?"""
import time

from selenium.webdriver.common.by import By

import loopback_chromium
import png_pixels

IMAGE_STATE_JS = """
const image = arguments[0];
image.scrollIntoView({block: "center"});
return {complete: image.complete, naturalWidth: image.naturalWidth, naturalHeight: image.naturalHeight,
        src: image.currentSrc || image.src};
"""

BOXES_JS = """
const figure = arguments[0].getBoundingClientRect(), image = arguments[1].getBoundingClientRect();
return [figure.left, figure.top, figure.width, figure.height, image.left, image.top, image.width, image.height];
"""


def wait_for_image(driver, image, timeout=30):
    """The img's load state once it has finished (loaded or failed), or after timeout."""
    deadline = time.monotonic() + timeout
    while True:
        state = driver.execute_script(IMAGE_STATE_JS, image)
        if state["complete"] or time.monotonic() > deadline:
            return state
        time.sleep(0.1)


class CellVerdict:
    def __init__(self, screenshot, background, drawn, contrasting, total):
        self.screenshot = screenshot  # PNG bytes of the whole figure
        self.background = background
        self.drawn = drawn  # pixels in the picture's box that differ from the background
        self.contrasting = contrasting  # ... by more than png_pixels.CONTRAST_TOLERANCE
        self.total = total  # pixels in the picture's box

    @property
    def is_drawn(self):
        return png_pixels.is_drawn(self.drawn, self.total)

    @property
    def has_contrast(self):
        return png_pixels.is_drawn(self.contrasting, self.total)

    def describe(self):
        colour = "#%02x%02x%02x" % self.background
        return (f"{self.drawn} of {self.total} pixels differ from the background {colour}, "
                f"{self.contrasting} clearly")


def judge(driver, figure):
    """Screenshots the figure and counts the pixels inside its img's box that differ from the
    background behind the img (the figure's caption, border and padding are left out of the count)."""
    image = figure.find_element(By.TAG_NAME, "img")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", figure)
    screenshot = figure.screenshot_as_png
    decoded = png_pixels.decode(screenshot)
    fx, fy, fw, fh, ix, iy, iw, ih = driver.execute_script(BOXES_JS, figure, image)
    # Element screenshots are cropped to the figure's box at device scale 1 (loopback_chromium sets it).
    left, top = round(ix - fx), round(iy - fy)
    box = (left, top, left + round(iw), top + round(ih))
    background = loopback_chromium.background_colour(driver, image)
    drawn, total = png_pixels.drawn_pixels(decoded, background, box)
    contrasting, _ = png_pixels.drawn_pixels(decoded, background, box, png_pixels.CONTRAST_TOLERANCE)
    return CellVerdict(screenshot, background, drawn, contrasting, total)
