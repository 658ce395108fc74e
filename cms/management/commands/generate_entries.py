"""``manage.py generate_entries N``: N published disclosure entries in bulk, for measuring at real volumes.

Each catalogue row that receives entries gets one prototype taken through the whole procedure; the
entries are copies of it with their own titles, texts, dates and 索引号 (cms/bulk.py). Needs units with
catalogues and workflows (the demo, or ``disclosure_setup`` and an imported catalogue). Public search:
run ``search_worker`` (or ``search_rebuild``) afterwards; ``--rebuild`` does it at the end.
"""

import datetime
import random
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from cms.bulk import BulkError, EntryCloner, NewEntry, make_prototype, sample_body
from cms.models import CatalogueItemPage, DisclosurePage

WORDS = ("村务公开", "财务收支", "集体资产", "惠农补贴", "低保", "宅基地", "一事一议", "道路硬化", "高标准农田",
         "耕地地力保护补贴", "防返贫监测", "养老保险", "医疗救助", "政府采购", "三公经费", "部门预算", "决算",
         "行政许可", "行政处罚", "重大行政决策", "民主评议", "党费收缴", "发展党员", "主题党日", "村民代表会议")


def _text(rng: random.Random, unit: str, row: str, year: int) -> str:
    lines = []
    for _n in range(rng.randint(3, 8)):
        a, b = rng.sample(WORDS, 2)
        lines.append(f"{year}年{rng.randint(1, 12)}月，{unit}按照{row}的要求，做好{a}和{b}工作，"
                     f"涉及资金{rng.randint(1, 900)}.{rng.randint(0, 99):02d}万元、{rng.randint(2, 400)}户群众。")
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Create N published disclosure entries in bulk (copies of prototypes taken through the procedure)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--rows-per-unit", type=int, default=8, help="catalogue rows per unit that receive entries")
        parser.add_argument("--batch", type=int, default=500, help="entries per transaction")
        parser.add_argument("--years", default="2017-2026", help="years of publication, e.g. 2017-2026")
        parser.add_argument("--seed", type=int, default=15)
        parser.add_argument("--rebuild", action="store_true", help="rebuild the public search index at the end")

    def handle(self, *args, count, rows_per_unit, batch, years, seed, rebuild, **options):
        if count < 1:
            raise CommandError("N 必须是正整数 (N must be a positive number).")
        try:
            first_year, last_year = (int(part) for part in years.split("-"))
        except ValueError:
            raise CommandError(f"--years 应写作 2017-2026 (--years must look like 2017-2026): {years!r}")
        if first_year > last_year or first_year < 1990:
            raise CommandError(f"--years 范围不对 (bad range): {years!r}")
        rows = self._rows(rows_per_unit)
        if not rows:
            raise CommandError("没有可用的公开目录事项：请先加载演示数据或导入公开目录。"
                               " (No open catalogue rows with a workflow: load the demo or import a catalogue first.)")
        rng = random.Random(seed)
        started = time.perf_counter()
        cloners, members = {}, {}
        made = 0
        with tqdm(total=count, unit="条", desc="批量条目", disable=options["verbosity"] < 1) as bar:
            while made < count:
                for row in rows:
                    if made >= count:
                        break
                    size = min(batch, count - made)
                    cloner = cloners.get(row.pk)
                    if cloner is None:
                        cloner = cloners[row.pk] = EntryCloner(self._prototype(row, rng, members))
                    entries, slugs = [], []
                    for _n in range(size):
                        day = datetime.date(rng.randint(first_year, last_year), rng.randint(1, 12), rng.randint(1, 28))
                        unit = row.organisation.short_name
                        title = f"{unit}{day.year}年{row.title}（{day.month}月第{rng.randint(1, 4)}期）"
                        entries.append(NewEntry(title=title, published_on=day, summary=f"{unit}{day.year}年{row.title}情况。",
                                                keywords=" ".join(rng.sample(WORDS, 2)),
                                                text=_text(rng, unit, row.title, day.year)))
                        slugs.append(f"bulk-{rng.getrandbits(48):012x}")
                    cloner.clone(entries, slugs)
                    made += size
                    bar.update(size)
        seconds = time.perf_counter() - started
        self.stdout.write(f"已生成 {made} 条 (created {made} entries) under {len(cloners)} rows in {seconds:.1f} s "
                          f"({made / seconds:.0f} per second).")
        if rebuild:
            call_command("search_rebuild", verbosity=options["verbosity"])

    @staticmethod
    def _rows(per_unit: int) -> list[CatalogueItemPage]:
        rows, seen = [], {}
        candidates = (CatalogueItemPage.objects.live().filter(retired_at__isnull=True)
                      .select_related("organisation").order_by("organisation_id", "path"))
        for row in candidates:
            if row.get_children().type(CatalogueItemPage).exists():
                continue  # a heading row: entries go under its leaves
            if seen.get(row.organisation_id, 0) >= per_unit or row.get_workflow() is None:
                continue
            seen[row.organisation_id] = seen.get(row.organisation_id, 0) + 1
            rows.append(row)
        return rows

    def _prototype(self, row, rng, members) -> DisclosurePage:
        slug = f"bulk-prototype-{row.pk}"
        existing = DisclosurePage.objects.filter(catalogue_item=row, slug=slug, live=True).first()
        if existing is not None:  # a run before this one made it
            return existing
        day = datetime.date.today()
        entry = NewEntry(title=f"{row.organisation.short_name}{row.title}（批量样本）", published_on=day,
                         summary=f"{row.title}批量样本。", text=_text(rng, row.organisation.short_name, row.title, day.year))
        try:
            return make_prototype(row, entry, sample_body(row.organisation, entry.text),
                                  slug=slug, members=members)
        except BulkError as error:
            raise CommandError(str(error))
