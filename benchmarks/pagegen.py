"""Page generator speed: seconds to make one page (render + distortions) by layout and dpi, against a baseline
measured in the same run: saving that same page as a JPEG (the cost any scan on disk has anyway).
Wall and CPU seconds: on a loaded machine the CPU time is the fairer figure."""
from __future__ import annotations

import io
import time

from common import summary

from tests.pagegen import PageSpec, make_page

SCANNER = ("seal", "tint", "stains", "skew", "noise")
PHONE = ("tint", "curl", "phone", "noise")


def main() -> None:
    for conditions in (SCANNER, PHONE):
        for layout, n in (("table", 5), ("blocks", 3), ("spread", 5)):
            for dpi in (150, 200, 300):
                made, cpu, saved = [], [], []
                for seed in range(3):
                    t0, c0 = time.perf_counter(), time.process_time()
                    image, _ = make_page(PageSpec("khai_sinh", 1998, layout, n, "hand", dpi, seed, 1, conditions))
                    made.append(time.perf_counter() - t0)
                    cpu.append(time.process_time() - c0)  # the machine is shared: CPU time says more than wall
                    t0 = time.perf_counter()
                    image.save(io.BytesIO(), "JPEG", quality=88)
                    saved.append(time.perf_counter() - t0)
                print(f"{'+'.join(conditions):32s} {layout:6s} {dpi} dpi {image.size[0]}x{image.size[1]}: "
                      f"make wall {summary(made)} s, CPU median {sorted(cpu)[1]:.3f} s | "
                      f"baseline JPEG save {summary(saved)} s")


if __name__ == "__main__":
    main()
