"""Build the labelled privacy corpus: positive.jsonl and negative.jsonl.

Everything is invented: names are random, ID numbers get a correct
GB 11643-1999 check digit and card numbers a correct Luhn digit from the code
below (written apart from cms.privacy so that the corpus is an independent
truth). Run from the repository root; the output is deterministic:

    .venv/bin/python tests/privacy/corpus/build_corpus.py
"""

import datetime
import json
import random
import re
from pathlib import Path

HERE = Path(__file__).parent
SEED = 20260324
WORDS = ["艾滋病", "精神残疾", "肢体残疾", "智力残疾", "尿毒症", "白血病", "社区矫正", "刑满释放", "吸毒", "精神分裂症"]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红梅琴云飞鹏辉晓燕春雪林海波"
VILLAGES = ["青山", "石门", "桃源", "下洋", "东岙", "里湾", "新塘", "溪口", "上坪", "枫林", "白沙", "柳岸", "南塘", "梅岭"]
TOWNS = ["城关镇", "清溪镇", "临江街道", "白云乡", "双河镇", "龙泉街道", "金桥镇", "安和乡"]
COUNTIES = ["安平县", "清河县", "永宁区", "东城区", "丰乐县", "南湖区"]
REGIONS = ["110101", "110105", "120103", "130102", "140105", "210102", "230103", "310104", "320106", "330102",
           "330106", "330324", "340104", "350203", "360102", "370202", "410102", "410305", "420106", "430104",
           "440305", "450103", "500103", "510104", "520102", "530102", "610113", "620102", "650102"]
MOBILE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "147", "150", "151", "152", "153",
                   "155", "156", "157", "158", "159", "166", "173", "177", "180", "181", "182", "186", "187", "188",
                   "189", "191", "193", "198", "199"]
AREA_CODES = ["010", "020", "021", "022", "023", "025", "027", "028", "029", "0571", "0574", "0575", "0579",
              "0371", "0379", "0531", "0532", "0551", "0731", "0755", "0591", "0871", "0931", "0991"]
CARD_BINS = ["622202", "622848", "621700", "622588", "621799", "623668", "622908", "621226", "436742", "518710",
             "625826", "62158", "955880"]
EMAIL_NAMES = ["zhangwei", "li.na", "wangfang88", "liu_yang", "chenjing2024", "yang.min", "huanglei", "zhao.qiang",
               "wujun1979", "zhouyan", "xu.jie", "sunli", "ma.chao", "zhu_xia", "hu.ping", "guo.hua", "cunwei",
               "xxgk.bgs", "dangzhengban", "lixiaoming", "fengyun01", "dengyu", "caoling", "pengfei"]
COMPOUNDS = ["阳光小区", "锦绣花园", "和平新村", "翠苑", "金色家园", "滨江公寓", "东湖小区"]
STREETS = ["人民路", "解放路", "建设大道", "文化街", "中山路", "环城北路"]
EMAIL_DOMAINS = ["example.com", "example.org", "example.net", "mail.example.cn", "163.com", "qq.com",
                 "126.com", "anping.gov.cn", "sina.com"]


# ---- independent validators ----------------------------------------------------------

def id_check(first17):
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]


def luhn_digit(partial):
    total = 0
    for i, ch in enumerate(reversed(partial)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(number):
    return luhn_digit(number[:-1]) == number[-1]


def looks_like_id(number):
    if len(number) != 18 or number[:2] not in {r[:2] for r in REGIONS} | {"41", "42", "43", "44", "45", "46", "62"}:
        return False
    try:
        datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return int(number[6:10]) >= 1900 and id_check(number[:17]) == number[17]


# ---- generators ----------------------------------------------------------------------

class Gen:
    def __init__(self, rng):
        self.r = rng

    def digits(self, n, first="0123456789"):
        return self.r.choice(first) + "".join(self.r.choice("0123456789") for _ in range(n - 1))

    def name(self):
        return self.r.choice(SURNAMES) + "".join(self.r.choice(GIVEN) for _ in range(self.r.choice((1, 2, 2))))

    def birth(self, start=1935, end=2018):
        day = datetime.date(start, 1, 1) + datetime.timedelta(days=self.r.randrange((end - start) * 365))
        return day

    def id18(self):
        first17 = self.r.choice(REGIONS) + self.birth().strftime("%Y%m%d") + self.digits(3)
        return first17 + id_check(first17)

    def id15(self):
        return self.r.choice(REGIONS) + self.birth(1935, 1999).strftime("%y%m%d") + self.digits(3)

    def bad_id(self):
        while True:
            first17 = self.r.choice(REGIONS) + self.birth().strftime("%Y%m%d") + self.digits(3)
            wrong = self.r.choice([c for c in "0123456789X" if c != id_check(first17)])
            number = first17 + wrong
            if wrong != "X" and luhn_ok(number):
                continue
            return number

    def bad_id15(self):
        date = f"{self.r.randint(20, 99)}{self.r.randint(13, 99)}{self.r.randint(32, 99)}"
        return self.r.choice(REGIONS) + date + self.digits(3)

    def card_number(self, length=None):
        length = length or self.r.choice((16, 19, 19, 19, 17, 18))
        while True:
            partial = self.r.choice(CARD_BINS)
            partial += self.digits(length - 1 - len(partial))
            number = partial + luhn_digit(partial)
            if not looks_like_id(number):
                return number

    def card(self):
        number = self.card_number()
        style = self.r.random()
        if style < 0.5:
            return number
        sep = " " if style < 0.8 else "-"
        return sep.join(number[i:i + 4] for i in range(0, len(number), 4))

    def bad_card(self):
        while True:
            partial = self.r.choice(CARD_BINS)
            partial += self.digits(self.r.choice((16, 19)) - len(partial))
            if not luhn_ok(partial) and not looks_like_id(partial):
                return partial

    def mobile_number(self):
        return self.r.choice(MOBILE_PREFIXES) + self.digits(8)

    def mobile(self):
        n = self.mobile_number()
        return self.r.choice([
            n, n, n, n, f"{n[:3]} {n[3:7]} {n[7:]}", f"{n[:3]}-{n[3:7]}-{n[7:]}", f"+86 {n}", f"+86-{n}",
            f"0086 {n}", f"(+86){n}", f"+86 {n[:3]} {n[3:7]} {n[7:]}", f"（+86）{n}",
        ])

    def landline(self):
        area = self.r.choice(AREA_CODES)
        local = self.digits(7 if len(area) == 4 and self.r.random() < 0.25 else 8, "2345678")
        ext = self.r.choice(["", "", "", "", f"-{self.digits(3, '123456789')}", f"转{self.digits(3, '123456789')}",
                             f" 分机{self.digits(4, '123456789')}"])
        return self.r.choice([
            f"{area}-{local}", f"{area}-{local}", f"{area}-{local}", f"({area}){local}", f"（{area}）{local}",
            f"{area} {local}", f"+86 {area[1:]} {local}", f"{area}-{local[:-4]} {local[-4:]}",
        ]) + ext

    def email(self):
        return f"{self.r.choice(EMAIL_NAMES)}{self.r.choice(['', '', str(self.r.randint(1, 99))])}@" \
               f"{self.r.choice(EMAIL_DOMAINS)}"

    def word(self):
        return self.r.choice(WORDS)

    # noise that must not be flagged

    def date_cn(self):
        d = self.birth(2019, 2027)
        return f"{d.year}年{d.month}月{d.day}日"

    def date_iso(self):
        return self.birth(2019, 2027).isoformat()

    def date_compact(self):
        return self.birth(2019, 2027).strftime("%Y%m%d")

    def date_dot(self):
        return self.birth(2019, 2027).strftime("%Y.%m.%d")

    def birth_month(self):
        d = self.birth(1960, 1995)
        return self.r.choice([f"{d.year}.{d.month:02d}", f"{d.year}年{d.month}月", f"{d:%Y-%m}"])

    def year(self):
        return str(self.r.randint(2019, 2026))

    def amount(self):
        value = self.r.randint(100, 99_999_999) / 100
        return self.r.choice([f"{value:,.2f}", f"{value:.2f}", f"{int(value):,}", str(int(value))])

    def money(self):
        return str(self.r.choice([420, 480, 560, 650, 715, 860, 930, 1010, 1245, 1380]))

    def big_amount(self):
        return self.r.choice([f"{self.mobile_number()}.00", f"{self.mobile_number()}元", f"{self.card_number()}.00",
                              f"{self.r.randint(10**10, 10**12):,}.{self.r.randint(10, 99)}"])

    def percent(self):
        return f"{self.r.randint(0, 300) / 10}%"

    def docno(self):
        y = self.year()
        n = self.r.randint(1, 180)
        return self.r.choice([f"〔{y}〕{n}号", f"县政发〔{y}〕{n}号", f"{self.r.choice('浙苏豫鲁皖')}政办发〔{y}〕{n}号",
                              f"安委〔{y}〕{n}号", f"国办发〔{y}〕{n}号", f"（{y}）浙0102民初{self.r.randint(100, 9999)}号",
                              f"{self.r.choice(TOWNS)[:2]}党〔{y}〕{n}号"])

    def indexno(self):
        y = self.year()
        region = self.r.choice(REGIONS)
        return self.r.choice([
            f"{region}-000-ZW{self.r.randint(1, 30):02d}-{y}-{self.r.randint(1, 999):04d}",
            f"{self.digits(9)}/{y}-{self.r.randint(1, 99999):05d}",
            f"{region}{self.digits(3)}/{y}-{self.r.randint(1, 99999):05d}",
            f"11{region}{self.digits(9)}{self.r.choice('0123456789X')}/{y}-{self.r.randint(1, 99999):05d}",
            f"ZJ{region[2:]}-{self.digits(4)}-{y}-{self.r.randint(1, 99999):05d}",
            f"{region}{y}{self.digits(4)}{self.r.randint(1, 999):03d}",
        ])

    def credit(self):
        alnum = "0123456789ABCDEFGHJKLMNPQRTUWXY"
        body = self.r.choice(["91", "92", "12", "11", "52", "54", "N2"]) + self.r.choice(REGIONS)
        tail = self.r.choice(["MA" + "".join(self.r.choice(alnum) for _ in range(7)), self.digits(9)])
        return body + tail + self.r.choice(alnum)

    def order(self):
        return self.r.choice([
            self.date_compact() + self.digits(self.r.randint(6, 12)),
            "HT-" + self.year() + "-" + self.digits(4),
            self.r.choice(["ZC", "CG", "GC"]) + self.date_compact() + self.digits(4),
            self.year() + self.mobile_number() + self.digits(3),
            "9" + self.digits(self.r.randint(17, 21)),
        ])

    def long_run(self):
        """Digit runs that embed a mobile, ID or card number inside a longer run."""
        inner = self.r.choice([self.mobile_number(), self.id18(), self.card_number()])
        return self.r.choice([
            self.digits(self.r.randint(1, 4)) + inner, inner + self.digits(self.r.randint(1, 4)),
            self.digits(2) + inner + self.digits(2), "A" + inner, inner + "B01",
        ])

    def postcode(self):
        return self.r.choice(["310000", "310012", "450000", "100010", "311100", "325000", "471000", "200120"])

    def corp_account(self):
        return self.r.choice([
            "1202" + self.digits(15), "19-" + self.digits(6) + "04" + self.digits(7), "33050" + self.digits(15),
            "201000" + self.digits(9), self.digits(12, "123"), "8" + self.digits(18),
        ])

    def masked_id(self):
        i = self.id18()
        return self.r.choice([f"{i[:6]}********{i[-4:]}", f"{i[:3]}***********{i[-4:]}",
                              f"{i[:1]}****************{i[-1]}"])

    def masked_phone(self):
        n = self.mobile_number()
        return self.r.choice([f"{n[:3]}****{n[-4:]}", f"{n[:3]} **** {n[-4:]}", f"0571-****{n[-4:]}"])

    def masked_card(self):
        c = self.card_number()
        return self.r.choice([f"**** **** **** {c[-4:]}", f"{'*' * (len(c) - 4)}{c[-4:]}"])

    def masked_email(self):
        return f"{self.r.choice(EMAIL_NAMES)[0]}***@{self.r.choice(EMAIL_DOMAINS)}"

    def notice_period(self):
        start = self.birth(2019, 2027)
        end = start + datetime.timedelta(days=self.r.randint(7, 15))
        return f"{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日"

    def day(self):
        return str(self.r.randint(1, 28))

    def group(self):
        return str(self.r.randint(1, 15))

    def coords(self):
        return f"{self.r.uniform(73, 135):.7f},{self.r.uniform(18, 53):.7f}"

    def hotline(self):
        return self.r.choice(["12345", "12315", "12388", "12319", "110", "119", "400-810-8888", "400-600-1234",
                              "800-820-5100", "95588", "95599", "10086"])

    def n(self):
        return str(self.r.randint(1, 60))

    def area(self):
        return f"{self.r.randint(60, 180)}.{self.r.randint(0, 9)}"

    def village(self):
        return self.r.choice(VILLAGES)

    def town(self):
        return self.r.choice(TOWNS)

    def county(self):
        return self.r.choice(COUNTIES)

    def gender(self):
        return self.r.choice("男女")

    # numbers written in groups (spaces, dashes, dots, U+3000), labelled phones, addresses, birth dates

    def spaced(self, number, sizes, sep=None):
        sep = sep or self.r.choice([" ", " ", "-", ".", "\u3000", "  "])
        parts, pos = [], 0
        for size in sizes:
            parts.append(number[pos:pos + size])
            pos += size
        if pos < len(number):
            parts.append(number[pos:])
        return sep.join(parts)

    def id18_grouped(self):
        number = self.id18()
        if number.endswith("X") and self.r.random() < 0.5:
            number = number[:-1] + "x"
        return self.spaced(number, self.r.choice([(6, 8), (6, 4, 4), (3, 3, 4, 4), (6, 4, 2, 2), (2, 4, 8),
                                                  (4, 4, 4, 4), (6, 6, 6)]))

    def id15_grouped(self):
        return self.spaced(self.id15(), self.r.choice([(6, 6), (6, 2, 2, 2), (3, 3, 6), (6, 3, 3)]))

    def id18_lower(self):
        while True:
            number = self.id18()
            if number.endswith("X"):
                return number[:-1] + "x"

    def card_grouped(self):
        number = self.card_number()
        sep = self.r.choice([" ", "-", ".", "\u3000", "  "])
        if self.r.random() < 0.7:
            return sep.join(number[i:i + 4] for i in range(0, len(number), 4))
        return self.spaced(number, (6,), sep if sep != "." else " ")

    def card_any(self):
        """Any grouping, after a card label."""
        number = self.card_number()
        return self.spaced(number, self.r.choice([(3, 6), (6, 6), (5, 5, 5), (2, 7, 7), (8,)]),
                           self.r.choice([" ", "-", "\u3000"]))

    def mobile_grouped(self):
        n = self.mobile_number()
        sep = self.r.choice([".", "\u3000", " ", "-"])
        return sep.join((n[:3], n[3:7], n[7:]))

    def phone_label(self):
        return self.r.choice(["电话", "电话：", "手机：", "手机号码：", "联系方式：", "联系电话：", "Tel: ", "TEL：",
                              "电话号码：", "联系电话 ", "移动电话："])

    def mobile_any(self):
        """An 11-digit number on any prefix (new or unknown ranges), as written after a phone label."""
        n = self.r.choice(["10", "11", "12", "14", "16", "19", "13", "17"]) + self.digits(9)
        return self.r.choice([n, n, n, f"{n[:3]} {n[3:7]} {n[7:]}", f"{n[:3]}-{n[3:7]}-{n[7:]}", f"{n[:4]} {n[4:]}"])

    def landline_bare(self):
        area = self.r.choice(AREA_CODES)
        return area + self.digits(8 if len(area) == 3 else self.r.choice((7, 8)), "2345678")

    def street_no(self):
        return str(self.r.randint(1, 288))

    def home(self):
        """A home address below the township (as written after 家庭住址, 住址, 家住)."""
        v, g, n = self.village(), self.group(), self.street_no()
        return self.r.choice([
            f"{self.county()}{self.town()}{v}村{g}组{n}号", f"{self.town()}{v}村{n}号", f"{v}村{g}组",
            f"{self.town()}{v}村", f"{self.town()}{self.r.choice(COMPOUNDS)}{self.r.randint(1, 30)}幢"
            f"{self.r.randint(1, 4)}单元{self.r.randint(1, 18)}0{self.r.randint(1, 4)}室",
            f"浙江省杭州市{self.county()}{self.town()}{v}村{g}组{n}号", f"{self.town()}{self.r.choice(STREETS)}{n}号",
            f"{v}村{self.r.choice('一二三四五六七八九')}组{n}号",
        ])

    def residence(self):
        """A household address that needs no label (village and house number, or flat)."""
        v, n = self.village(), self.street_no()
        return self.r.choice([
            f"{v}村{self.group()}组{n}号", f"{self.town()}{v}村{n}号", f"{v}村{n}号",
            f"{self.r.choice(COMPOUNDS)}{self.r.randint(1, 30)}栋{self.r.randint(1, 4)}单元{self.r.randint(1, 28)}02室",
            f"{self.county()}{self.town()}{self.r.choice(COMPOUNDS)}{self.r.randint(1, 30)}幢{self.r.randint(101, 2802)}室",
        ])

    def birth_date(self):
        d = self.birth(1940, 2005)
        return self.r.choice([f"{d.year}年{d.month}月{d.day}日", d.isoformat(), f"{d.year}.{d.month}.{d.day}",
                              d.strftime("%Y%m%d"), f"{d.year}/{d.month:02d}/{d.day:02d}"])

    def office_address(self):
        return self.r.choice([f"{self.town()}{self.r.choice(STREETS)}{self.street_no()}号",
                              f"{self.county()}人民政府{self.r.randint(1, 9)}号楼",
                              f"{self.town()}便民服务中心{self.r.randint(1, 5)}楼{self.r.randint(101, 520)}室",
                              f"{self.county()}{self.r.choice(STREETS)}{self.street_no()}号{self.r.randint(2, 9)}楼"])

    def number_row(self):
        """Numbers of adjacent table cells, as text extracted from a PDF table runs them together."""
        return " ".join(str(self.r.randint(1, 9999)) for _ in range(self.r.randint(5, 9)))

    def spaced_amount(self):
        value = self.r.randint(10**6, 10**13)
        return self.r.choice([f"{value:,}".replace(",", " ") + "元", f"{value:,}".replace(",", " ") + ".00",
                              f"{value:,}".replace(",", "\u3000") + " 元"])

    def indexno_dashed(self):
        y = self.year()
        return self.r.choice([
            f"{self.r.choice(REGIONS)}-{self.digits(5)}-CW{self.r.randint(1, 30):02d}-{y}-{self.r.randint(1, 9999):04d}",
            f"{self.r.choice(REGIONS)}-{self.digits(5)}-{self.digits(2)}-{y}-{self.r.randint(1, 9999):04d}",
            f"{self.r.choice(REGIONS)} {self.digits(3)} {y} {self.r.randint(1, 99999):05d}",
        ])

    def date_spaced(self):
        d = self.birth(2019, 2027)
        return self.r.choice([f"{d.year} 年 {d.month} 月 {d.day} 日", f"{d:%Y.%m.%d}", f"{d:%Y %m %d}",
                              f"{d:%Y-%m-%d %H:%M}", f"{d:%Y.%m.%d}—{d:%Y.%m.%d}"])

    def public_line(self):
        """Service numbers that are public and never personal (hotlines, 400/800 numbers)."""
        return self.r.choice(["12345", "12315", "96345", "400-810-8888", "4008108888", "800-820-5100", "10086",
                              "95588", "110", "0571-12345"])

    def quarter(self):
        return self.r.choice("一二三四")


POSITIVE_KINDS = {"id18": "id_number", "id15": "id_number", "mobile": "mobile", "landline": "landline",
                  "card": "bank_card", "email": "email", "word": "sensitive_word",
                  "id18_grouped": "id_number", "id15_grouped": "id_number", "id18_lower": "id_number",
                  "card_grouped": "bank_card", "card_any": "bank_card", "mobile_grouped": "mobile",
                  "mobile_any": "mobile", "landline_bare": "landline", "home": "address", "residence": "address",
                  "birth_date": "birth_date"}
TOKEN = re.compile(r"\{(\w+)\}")


def render(template, gen):
    text, expected, pos = [], [], 0
    for match in TOKEN.finditer(template):
        text.append(template[pos:match.start()])
        offset = sum(map(len, text))
        value = getattr(gen, match.group(1))()
        if match.group(1) in POSITIVE_KINDS:
            expected.append({"kind": POSITIVE_KINDS[match.group(1)], "start": offset, "end": offset + len(value),
                             "text": value})
        text.append(value)
        pos = match.end()
    text.append(template[pos:])
    return "".join(text), expected


POSITIVE = {
    "低保名单": [
        "{town}{village}村{year}年第{quarter}季度城乡低保对象公示：户主{name}，家庭人口{n}人，身份证号{id18}，"
        "月保障金额{money}元，联系电话{mobile}。公示期{notice_period}。",
        "{n}\t{name}\t{gender}\t{id18}\t{village}村\t{n}\t{money}\t{mobile}",
        "{name}，{gender}，公民身份号码：{id18}，{village}村{group}组，因病致贫，月补助{money}元。",
        "新增低保户：{name}（{id18}），家庭成员{n}人，保障类别B类，联系人电话{mobile}，经{town}审核同意。",
        "特困供养人员{name}，原身份证号{id15}，分散供养，{year}年起每月发放基本生活费{money}元。",
        "{name}\t{id15}\t{village}村\t分散供养\t{money}",
        "临时救助对象：{name}，身份证{id18}，因{word}住院，救助金额{money}元，审批日期{date_iso}。",
        "{name}，{id18}，残疾类别：{word}，残疾等级二级，享受困难残疾人生活补贴{money}元/月。",
    ],
    "补贴发放": [
        "{name}\t{village}村\t{card}\t{money}.00元\t{date_iso}",
        "{year}年耕地地力保护补贴已于{date_cn}通过“一卡通”发放至{name}社保卡（卡号{card}），金额{amount}元。",
        "高龄津贴发放明细：{name}，{gender}，身份证号码{id18}，银行卡号{card}，月发放{money}元。",
        "退役军人优待金：{name}，账号：{card}，开户行：{county}农商银行{town}支行，金额{amount}元。",
        "序号{n} {name} 社保卡号 {card} 发放金额 {money} 备注：{date_compact}批次",
        "{village}村土地流转租金发放表（{year}年度）\t{name}\t{area}亩\t{amount}元\t收款卡号{card}",
        "就业创业补贴：{name}，身份证号{id18}，补贴类别：一次性创业补贴，金额{amount}元，拨付至{card}。",
    ],
    "任前公示": [
        "{name}，{gender}，汉族，{birth_month}出生，大学学历，现任{town}党委委员，拟任{town}党委副书记。"
        "公示期间，如对公示对象有问题反映，请拨打举报电话{landline}。",
        "公示时间：{notice_period}（5个工作日）。受理电话：{landline}、{landline}；电子邮箱：{email}。",
        "干部任前公示 根据《党政领导干部选拔任用工作条例》规定，现予公示。来信请寄{county}委组织部干部监督科，"
        "邮编{postcode}，电话{landline}。",
    ],
    "依申请公开答复": [
        "{name}：你于{date_cn}通过网上平台提交的政府信息公开申请（联系电话{mobile}，电子邮箱{email}）收悉。"
        "根据《中华人民共和国政府信息公开条例》第三十六条第一项，现答复如下。",
        "申请人：{name}；证件号码：{id18}；联系电话：{mobile}；通信地址：{county}{town}；申请日期：{date_iso}。",
        "登记回执：申请人{name}，邮箱{email}，手机{mobile}，受理编号YSQ{date_compact}{n}。",
        "如对本答复不服，可在收到之日起60日内申请行政复议。经办人：{name}，联系电话：{landline}。",
    ],
    "宅基地与项目": [
        "宅基地审批公示：申请人{name}，身份证号码{id18}，{village}村{group}组，拟建房占地{area}平方米，"
        "文号{docno}，公示期{notice_period}。",
        "征地补偿款发放：被征地农户{name}，身份证{id18}，补偿金额{amount}元，收款账号{card}。",
        "项目联系人：{name}，手机：{mobile}，固话：{landline}，邮箱：{email}。",
        "施工单位：{county}建设工程有限公司（统一社会信用代码{credit}），项目经理{name}，联系电话{mobile}。",
    ],
    "村务与通知": [
        "{year}年{n}月村务公开 经办人：{name}（{mobile}），报账员：{name}，监督委员会主任：{name}。",
        "村务监督委员会联系电话：{landline}，村民如有异议可于{date_cn}前反映，或发送邮件至{email}。",
        "通知：请以下人员于{date_cn}前到村委会签字确认：{name}（{mobile}）、{name}（{mobile}）。",
        "失信被执行人公示：{name}，公民身份号码{id18}，执行案号（{year}）浙0102执{n}号，未履行金额{amount}元。",
        "重点关爱对象走访记录：{name}，情况：{word}，走访日期{date_iso}，联系人{name}，电话{mobile}。",
        "党员发展公示：发展对象{name}，{gender}，{birth_month}出生，联系电话{mobile}，群众可向{town}党委反映，"
        "电话{landline}。",
        "疫苗接种随访：{name}，身份证号{id18}，手机号码{mobile}，既往病史：{word}。",
        "Contact: {name}, mobile {mobile}, e-mail {email}, office {landline}.",
        "{email}",
        "手机：{mobile}",
    ],

    "分组书写": [
        "{name}\t{gender}\t{id18_grouped}\t{village}村\t{money}",
        "户主{name}，身份证号：{id18_grouped}，联系电话：{mobile_grouped}，保障金额{money}元。",
        "特困供养人员{name}，身份证号{id15_grouped}，{year}年起每月发放{money}元。",
        "{name}（公民身份号码 {id18_lower}）申请临时救助，经审核同意。",
        "补贴发放：{name}，社保卡 {card_grouped}，金额{amount}元。",
        "{n}\t{name}\t{card_grouped}\t{money}.00\t{date_iso}",
        "收款人{name}，银行卡号：{card_any}，开户行{county}农商银行。",
        "{name}\t{id18_grouped}\t{card_grouped}\t{mobile_grouped}",
    ],
    "电话标签": [
        "经办人{name}，{phone_label}{mobile_any}。",
        "联系人：{name}　{phone_label}{mobile_any}",
        "{name}\t{gender}\t{village}村\t联系电话：{mobile_any}",
        "申请人：{name}；电话：{landline_bare}；邮箱：{email}。",
        "{phone_label}{mobile_grouped}（{name}）",
    ],
    "住址与出生日期": [
        "低保对象：{name}，{gender}，家庭住址：{home}，家庭人口{n}人，月保障金额{money}元。",
        "{name}，{gender}，出生日期：{birth_date}，住址：{home}。",
        "{n}\t{name}\t{gender}\t{residence}\t{money}",
        "申请人{name}，家住{home}，因病申请临时救助{money}元。",
        "拟任人选：{name}，{gender}，{birth_date}出生，现住址{home}，现任{village}村党支部委员。",
        "高龄津贴：{name}，生日 {birth_date}，户籍地址：{home}，月发放{money}元。",
        "宅基地审批公示：申请人{name}，{residence}，拟建房占地{area}平方米，公示期{notice_period}。",
        "{name}\t{residence}\t出生日期 {birth_date}\t{money}",
    ],
}

NEGATIVE = {
    "公开信息": [
        "索引号：{indexno}　发布机构：{county}人民政府办公室　成文日期：{date_cn}　文号：{docno}　发布日期：{date_iso}",
        "索引号 {indexno} 主题分类 财政、审计 公开方式 主动公开 公开时限 长期公开",
        "{county}人民政府关于印发《{county}城乡居民最低生活保障实施办法》的通知 {docno} 各乡镇人民政府、街道办事处：",
        "本办法自{date_cn}起施行，有效期{n}年。{year}年发布的{docno}同时废止。",
        "根据《中华人民共和国政府信息公开条例》（国务院令第711号）第十九条、第二十条，现将{year}年度政府信息公开"
        "工作年度报告予以公布，统计期限自{year}年1月1日至{year}年12月31日。",
        "信息名称：{town}{year}年第{quarter}季度党务公开目录 生成日期：{date_compact} 有效性：有效",
        "{date_iso} {county}政务公开办 点击量：{n}{n}",
        "文号：{docno}　成文日期：{date_dot}　发布日期：{date_dot}",
    ],
    "财务报表": [
        "一般公共预算收入\t{amount}\t{amount}\t{percent}",
        "{year}年“三公”经费财政拨款预算{amount}万元，其中因公出国（境）费{amount}万元，公务用车购置及运行费"
        "{amount}万元，公务接待费{amount}万元。",
        "合计\t{big_amount}\t{amount}\t{percent}",
        "项目支出\t{amount}\t{amount}\t{amount}\t{percent}",
        "{year}年全县地区生产总值{big_amount}，比上年增长{percent}。",
        "{date_compact} 凭证号{n} 收到{town}财政所拨付村级组织运转经费 {amount}元",
        "{year}年{n}月村级财务收支：本月收入{amount}元，支出{amount}元，结余{amount}元，银行存款{amount}元。",
        "支付{village}村道路硬化工程款 {amount}元 付款单号{order}",
        "收款单位：{village}村股份经济合作社，开户银行：{county}农商银行，账号：{corp_account}。",
        "账户名称：{county}财政局 账号{corp_account} 用途：专项资金",
        "资产负债表 货币资金 {amount} 应收款项 {amount} 固定资产 {amount} 负债合计 {amount}",
        "科目代码 {n}{n} 本期借方 {amount} 本期贷方 {amount} 期末余额 {big_amount}",
    ],
    "编号与代码": [
        "中标单位：{county}建设工程有限公司（统一社会信用代码：{credit}），中标金额{amount}元。",
        "统一社会信用代码 {credit}",
        "采购项目编号：{order}，合同编号：{order}，签订日期{date_cn}。",
        "订单号{order}，交易时间{date_iso} 10:24:36，金额{amount}元。",
        "流水号 {long_run} 已入账",
        "档案编码{long_run}",
        "交易参考号{bad_card}，状态：已退回",
        "记录号{bad_id}，核验结果：号码无效",
        "原编码{bad_id15}已停用",
        "批次 {long_run} 共{n}条",
        "投资项目代码：{year}-{n}0102-48-01-{n}{n}{n}",
        "邮编：{postcode}，地址：{county}{town}{village}村",
        "不动产权证号：浙({year}){county}不动产权第{n}{n}{n}号",
        "ISBN 978-7-{n}09-{n}{n}-5，定价{money}元",
        "车牌号浙A{n}{n}{n}，车辆识别号LSV{order}",
        "设备编号{long_run}，安装位置{village}村文化礼堂",
        "权证号{bad_card}",
        "{bad_card}",
        "{bad_id}",
        "{long_run}",
    ],

    "分组与标签": [
        "索引号：{indexno_dashed}　文号：{docno}　发布日期：{date_spaced}",
        "{indexno_dashed}",
        "序号 {number_row}",
        "{village}村\t{number_row}\t{amount}",
        "本年累计支出{spaced_amount}，比上年增长{percent}。",
        "{year}年{n}月村级财务收支 收入 {number_row} 支出 {number_row}",
        "办公地址：{office_address}，咨询电话：{public_line}。",
        "来访地址：{office_address}；邮编：{postcode}",
        "{village}村{group}组道路硬化工程于{date_cn}开工，{village}村{group}组、{group}组村民受益。",
        "{town}{village}村村民委员会 地址：{town}{village}村",
        "服务热线{phone_label}{public_line}，服务时间{date_spaced}起每个工作日。",
        "{name}，{gender}，出生年月：{birth_month}，现任{town}{village}村党支部书记。",
        "发布日期：{date_spaced}　生成日期：{date_cn}　成文日期：{date_dot}",
        "{county}人民政府关于{village}村{group}组{n}号地块征收的公告 {docno}",
        "任职时间：{date_cn}；考察时间：{date_iso}；出生年月 {birth_month}",
        "手机号{masked_phone}；电话 {public_line}",
    ],
    "日期与统计": [
        "全镇共有{n}个行政村，{n}{n}户，户籍人口{amount}人，其中低保户{n}户{n}人，特困供养{n}人。",
        "公示期：{notice_period}，共7个工作日。",
        "时间：{date_iso} 09:30-11:30，地点：{town}便民服务中心三楼会议室。",
        "{year}—{year}年度考核结果：优秀{n}个，良好{n}个，合格{n}个。",
        "统计截至{date_compact}，累计办件{amount}件，按时办结率{percent}。",
        "用地面积{area}平方米，中心坐标{coords}。",
        "{date_cn}，村两委召开第{n}次联席会议，应到{n}人，实到{n}人，会议审议通过了{year}年度村级预算。",
        "政务服务便民热线{hotline}，市场监管投诉举报{hotline}，服务时间工作日8:30—17:00。",
        "客服电话{hotline}；{hotline}",
        "气温{n}℃，降水量{area}毫米，比常年偏多{percent}。",
        "{year}年{n}月至{year}年{n}月",
        "{date_dot}-{date_dot}",
    ],
    "去标识化后": [
        "{name}\t{gender}\t{masked_id}\t{village}村\t{money}",
        "户主{name}，身份证号{masked_id}，联系电话{masked_phone}，保障金额{money}元。",
        "收款人{name}，卡号{masked_card}，金额{amount}元。",
        "联系人{name}，电话{masked_phone}，邮箱{masked_email}。",
        "{name}，{gender}，{birth_month}出生，中共党员，现任{village}村党支部书记。",
        "拟任人选：{name}，{gender}，{birth_month}生，{town}人，{year}年参加工作。",
    ],
    "边界": [
        "2026-03-24", "20260324", "2026年3月24日", "〔2026〕12号", "县政发〔2026〕3号", "1,234,567.89元",
        "12345678.00", "330102-000-ZW03-2026-0012", "邮政编码310000", "统一社会信用代码：91330102MA2H3K4L5X",
        "手机号138****1234已脱敏", "身份证110101********1234", "卡号**** **** **** 1234", "z***@example.com",
        "编号13812345678901", "单号2013812345678", "余额13812345678.00元", "人口13812345678人次",
        "合计1,381,234,567.00", "0.13812345678", "6.222021234567890e18", "v13.8.1234", "13:45-15:30",
        "电话12345 转 3", "2019—2026年", "第138号至第1234号", "400-810-8888", "QQ群：138123456",
        "身份证号码：（不公开）", "电话：见附件", "email: 见公告栏", "@某某某 请回复",
        "330199-10101-CW01-2026-0007", "330199-10101-0001-2026-0007", "2026.03.24", "2026 03 24", "2026年 3月 24日",
        "电话：12345", "电话：400-810-8888", "Tel: 800-820-5100", "联系电话：10086", "电话：0571-12345",
        "电话：1381234567", "电话：138123456789", "手机：138****5678", "住址：城关镇", "家庭住址：安平县城关镇",
        "出生日期：1985年3月", "出生日期：1985-03", "1985年3月出生", "生日：198503", "地址：人民路18号",
        "办公地址：城关镇人民路18号3楼301室", "青山村2026年第三季度财务公开", "第3组", "3组12号地块",
        "1 234 567 890 123 456元", "6222 0212 3456 7890 1234 5678", "卡号：见背面",
    ],
    "政策": [
        "各村（社区）要严格落实“四议两公开”工作法，凡涉及村级重大事项，一律提交村民代表会议决定，并于决定后"
        "{day}日内公开。",
        "对经审核符合条件的低保家庭，按照当地低保标准与家庭人均收入之差额按月发放低保金，{year}年城乡低保标准"
        "统一调整为每人每月{money}元。",
        "第{n}条 本办法所称困难群众，是指符合最低生活保障、特困人员供养条件的人员。",
        "按照国办发〔2019〕54号要求，县级政府部门应于{date_cn}前完成基层政务公开标准目录编制工作。",
        "请各单位于每月{day}日前报送上月公开情况，联系人：{name}。",
    ],
}


def build():
    rng = random.Random(SEED)
    gen = Gen(rng)
    for label, groups, per_template in (("positive", POSITIVE, 7), ("negative", NEGATIVE, 9)):
        rows, seen = [], set()
        for source, templates in groups.items():
            for template in templates:
                for _ in range(per_template):
                    text, expected = render(template, gen)
                    if text in seen:
                        continue
                    seen.add(text)
                    row = {"id": f"{label[:3]}-{len(rows) + 1:04d}", "source": source, "text": text,
                           "expected": expected}
                    if "{word}" in template:
                        row["words"] = WORDS
                    rows.append(row)
        with open(HERE / f"{label}.jsonl", "w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(label, len(rows))


if __name__ == "__main__":
    build()
