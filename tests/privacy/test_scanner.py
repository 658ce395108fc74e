
import pytest
from django.utils import translation

from cms.privacy import Kind, default_words, is_id_number, is_luhn_valid, mask_text, scan_fields, scan_text
from cms.privacy import masks
from tests.privacy.corpus.build_corpus import id_check, luhn_digit


def make_id(first17: str) -> str:
    return first17 + id_check(first17)


def make_card(partial: str) -> str:
    return partial + luhn_digit(partial)


ID18 = make_id("33010219850307123")
ID18_X = "11010519491231002X"
ID15 = "330102850307123"
CARD16 = make_card("622202123456789")
CARD19 = make_card("621700123456789012")
MOBILE = "13812345678"


def kinds(text, words=()):
    return [(f.kind, f.text) for f in scan_text(text, "body", words)]


def test_id_number_rules():
    assert is_id_number(ID18) and is_id_number(ID18_X) and is_id_number(ID18_X.lower())
    assert is_id_number(ID15)
    wrong_check = ID18[:17] + ("0" if ID18[17] != "0" else "1")
    assert not is_id_number(wrong_check)
    assert not is_id_number(make_id("33010219990230123"))  # 30 February
    assert not is_id_number(make_id("99010219850307123"))  # no such province
    assert not is_id_number(make_id("33000019850307123"))  # prefecture 00
    assert not is_id_number(make_id("33010221990307123"))  # born in the future
    assert not is_id_number("330102851307123")  # month 13
    assert not is_id_number("330100850307123")  # county 00


def test_luhn():
    assert is_luhn_valid("4111111111111111") and is_luhn_valid(CARD19)
    assert is_luhn_valid(" ".join(CARD16[i : i + 4] for i in range(0, 16, 4)))
    assert not is_luhn_valid("4111111111111112")


@pytest.mark.parametrize(
    "spelling",
    [
        "13812345678", "138 1234 5678", "138-1234-5678", "+86 13812345678", "+8613812345678",
        "+86-138-1234-5678", "0086 13812345678", "(+86)13812345678", "（+86）138 1234 5678", "19912345678",
    ],
)
def test_mobile_spellings(spelling):
    assert kinds(f"联系电话：{spelling}。") == [(Kind.MOBILE, spelling)]


@pytest.mark.parametrize(
    "spelling",
    [
        "010-12345678", "0371-6123456", "(0571)87654321", "（0571）87654321", "0571 87654321", "021-87654321",
        "010-12345678-801", "0755-23456789转123", "0571-87654321 分机 8012", "0571-87654321 ext. 12",
        "+86 571 87654321", "+86-10-12345678", "0086 21 87654321", "0571-8765 4321",
    ],
)
def test_landline_spellings(spelling):
    assert kinds(f"举报电话：{spelling}；") == [(Kind.LANDLINE, spelling)]


@pytest.mark.parametrize(
    "spelling",
    [
        CARD16, CARD19, " ".join(CARD19[i : i + 4] for i in range(0, 19, 4)),
        "-".join(CARD16[i : i + 4] for i in range(0, 16, 4)), make_card("955880123456789012"),
        make_card("436742123456789"),
    ],
)
def test_bank_card_spellings(spelling):
    assert kinds(f"卡号{spelling}，") == [(Kind.BANK_CARD, spelling)]


@pytest.mark.parametrize("spelling", [ID18, ID18_X, ID18_X.lower(), ID15])
def test_id_number_in_text(spelling):
    assert kinds(f"身份证号{spelling}，") == [(Kind.ID_NUMBER, spelling)]


@pytest.mark.parametrize("address", ["zhang.san@example.com", "li_si+cun@mail.example.cn", "12345678@qq.com"])
def test_email(address):
    assert kinds(f"邮箱：{address}。") == [(Kind.EMAIL, address)]


@pytest.mark.parametrize(
    "text",
    [
        "2026-03-24", "20260324", "2026年3月24日", "〔2026〕12号", "县政发〔2026〕3号", "1,234,567.89元", "12345678.00",
        "索引号：330102-000-ZW03-2026-0012", "002482071/2026-00031", "邮编310000", "2019年至2026年",
        "统一社会信用代码：91330102MA2H3K4L5X", "订单号2026032412345678", "13812345678.00", "13812345678元",
        "增长13812345678%", "0.13812345678", "138****1234", "110101********1234", "**** **** **** 1234",
        "z***@example.com", "400-810-8888", "12345", "09:30-11:30", "ISBN 978-7-5097-1234-5",
        # valid numbers inside longer digit runs or codes are not matched in pieces
        "1" + MOBILE, MOBILE + "0", "流水" + ID18 + "1", "9" + CARD16, CARD19 + "12", "A" + ID18, ID18 + "B01",
        "1234 " + " ".join(CARD16[i : i + 4] for i in range(0, 16, 4)),
        " ".join(CARD16[i : i + 4] for i in range(0, 16, 4)) + " 1234",
        "1." + MOBILE, "0571-87654321" + "9",
        # numbers that fail their checks
        ID18[:17] + ("0" if ID18[17] != "0" else "1"), CARD16[:-1] + str((int(CARD16[-1]) + 1) % 10),
        "330102851307123",
        # codes after a registration or reference label
        f"统一社会信用代码：{ID18}", f"索引号：{CARD16}", f"合同编号 {CARD19}",
    ],
)
def test_not_personal_data(text):
    assert kinds(text) == []


def test_finding_fields():
    text = f"户主王某，电话{MOBILE}，邮箱a@example.com"
    mobile, email = scan_text(text, "body[3].rows[2][1]")
    assert (mobile.kind, mobile.text, mobile.location, mobile.mask) == (Kind.MOBILE, MOBILE, "body[3].rows[2][1]",
                                                                       "138****5678")
    assert text[mobile.start : mobile.end] == MOBILE and text[email.start : email.end] == "a@example.com"
    assert mobile.as_dict() == {"kind": "mobile", "text": MOBILE, "start": 7, "end": 18,
                                "location": "body[3].rows[2][1]", "mask": "138****5678"}
    with translation.override("en"):
        assert [str(f.label) for f in (mobile, email)] == ["Mobile number", "E-mail address"]


def test_scan_fields_labels_each_field():
    findings = scan_fields([("title", "关于王某的公示"), ("body[0]", f"电话{MOBILE}"), ("attachment:a.pdf p.2", ID18)],
                           words=["王某"])
    assert [(f.location, f.kind) for f in findings] == [
        ("title", Kind.SENSITIVE_WORD), ("body[0]", Kind.MOBILE), ("attachment:a.pdf p.2", Kind.ID_NUMBER)]


def test_sensitive_words():
    text = "因HIV感染及精神残疾，享受救助；hiv"
    assert kinds(text, ["hiv", "精神残疾", "残疾", "", "  ", "***"]) == [
        (Kind.SENSITIVE_WORD, "HIV"), (Kind.SENSITIVE_WORD, "精神残疾"), (Kind.SENSITIVE_WORD, "hiv")]
    assert "艾滋病" in default_words() and not any(w.startswith("#") for w in default_words())


def test_overlaps_resolve_to_the_longer_or_stricter_kind():
    assert kinds(f"{MOBILE}@qq.com") == [(Kind.EMAIL, f"{MOBILE}@qq.com")]
    id_and_card = next(make_id(f"41010219850307{n:03d}") for n in range(1000)
                       if is_luhn_valid(make_id(f"41010219850307{n:03d}")))
    assert kinds(id_and_card) == [(Kind.ID_NUMBER, id_and_card)]


@pytest.mark.parametrize(
    "function, value, masked",
    [
        (masks.mask_id_number, "110101199003071234", "110101********1234"),
        (masks.mask_id_number, "11010519491231002X", "110105********002X"),
        (masks.mask_id_number, "330102850307123", "330102******123"),
        (masks.mask_mobile, "13812345678", "138****5678"),
        (masks.mask_mobile, "+86 138-1234-5678", "+86 138-****-5678"),
        (masks.mask_mobile, "(+86)13812345678", "(+86)138****5678"),
        (masks.mask_landline, "0571-87654321", "0571-****4321"),
        (masks.mask_landline, "010-12345678-801", "010-****5678-801"),
        (masks.mask_landline, "0371-6123456", "0371-***3456"),
        (masks.mask_landline, "(0571)8765 4321", "(0571)**** 4321"),
        (masks.mask_landline, "+86 571 87654321", "+86 571 ****4321"),
        (masks.mask_bank_card, "6222 0212 3456 7890", "**** **** **** 7890"),
        (masks.mask_bank_card, "6217001234567890123", "***************0123"),
        (masks.mask_email, "zhang.san@example.com", "z***@example.com"),
        (masks.mask_word, "精神残疾", "****"),
    ],
)
def test_masks(function, value, masked):
    assert function(value) == masked


def test_mask_text_is_idempotent():
    text = (f"户主张某，身份证{ID18_X}，手机138 1234 5678，固话(0571)87654321转8，卡号{CARD19}，"
            f"邮箱zhang.san@example.com，病史艾滋病。")
    masked = mask_text(text, default_words())
    assert masked == ("户主张某，身份证110105********002X，手机138 **** 5678，固话(0571)****4321转8，"
                      f"卡号***************{CARD19[-4:]}，邮箱z***@example.com，病史***。")
    assert mask_text(masked, default_words()) == masked
    assert scan_text(masked, "", default_words()) == []
    assert mask_text("") == "" and scan_text("", "x") == []


def test_100_kb_table_finds_every_row():
    line = (f"{{n}}\t王某\t{ID18}\t{MOBILE}\t{CARD16}\t2026-03-24\t1,234,567.89\t〔2026〕12号\t"
            "330102-000-ZW03-2026-0012\t0571-87654321\t联系邮箱 a@example.com\t低保金额560元\n")
    text = "".join(line.format(n=n) for n in range(1200))[:100_000]
    words = default_words()
    assert len(scan_text(text, "body", words)) > 1000


@pytest.mark.parametrize("unit", ["1", "a", "1 ", "1-", "1.", "@", "a@", "6222 ", "0571-", "(+86)", "中文"])
def test_hostile_text_is_scanned_without_error(unit):
    """Speed on such input is measured in bench/privacy_scan.py, not here."""
    text = unit * (100_000 // len(unit))
    assert isinstance(scan_text(text), list)


def test_validators_take_any_text():
    assert not any(is_id_number(text) for text in ("", "abc", "11010519491231002", "110105 19491231 002X",
                                                    "1101051949123100XX"))
    assert is_id_number("１１０１０５１９４９１２３１００２Ｘ")
    assert not is_luhn_valid("") and not is_luhn_valid("--")


# Other ways people write numbers (docs/privacy.md, "What is found")

@pytest.mark.parametrize(
    "spelling",
    [
        "110105 19491231 002X", "110105-1949-1231-002X", "110105.19491231.002X", "110105\u300019491231\u3000002X",
        "110105  19491231  002X", "110 105 1949 1231 002X", "110105 1949 12 31 002x", "11010519491231002x",
        "330102 850307 123", "330102-85-03-07-123",
    ],
)
def test_id_numbers_in_groups(spelling):
    assert kinds(f"身份证号：{spelling}。") == [(Kind.ID_NUMBER, spelling)]


@pytest.mark.parametrize(
    "spelling, label",
    [
        (" ".join(CARD19[i : i + 4] for i in range(0, 19, 4)), ""),
        (".".join(CARD19[i : i + 4] for i in range(0, 19, 4)), ""),
        ("\u3000".join(CARD16[i : i + 4] for i in range(0, 16, 4)), ""),
        (f"{CARD19[:6]} {CARD19[6:]}", ""),
        (f"{CARD19[:3]} {CARD19[3:9]} {CARD19[9:]}", "银行卡号："),
        (f"{CARD16[:8]}-{CARD16[8:]}", "账号 "),
    ],
)
def test_bank_cards_in_groups(spelling, label):
    assert kinds(f"张三，{label}{spelling}，") == [(Kind.BANK_CARD, spelling)]


def test_a_card_in_odd_groups_needs_a_card_label():
    odd = f"{CARD19[:3]} {CARD19[3:9]} {CARD19[9:]}"
    assert kinds(f"合计 {odd}") == []


@pytest.mark.parametrize(
    "text, kind, found",
    [
        ("电话：10012345678", Kind.MOBILE, "10012345678"), ("手机 11234567890", Kind.MOBILE, "11234567890"),
        ("联系方式：14012345678", Kind.MOBILE, "14012345678"), ("Tel: 120 1234 5678", Kind.MOBILE, "120 1234 5678"),
        ("TEL：16012345678", Kind.MOBILE, "16012345678"), ("电话号码 194-1234-5678", Kind.MOBILE, "194-1234-5678"),
        ("手机：138.1234.5678", Kind.MOBILE, "138.1234.5678"), ("138\u30001234\u30005678", Kind.MOBILE,
                                                                   "138\u30001234\u30005678"),
        ("联系电话：057187654321", Kind.LANDLINE, "057187654321"), ("电话：01012345678", Kind.LANDLINE, "01012345678"),
    ],
)
def test_any_eleven_digits_after_a_phone_label(text, kind, found):
    assert kinds(text) == [(kind, found)]


@pytest.mark.parametrize(
    "text",
    [
        "10012345678", "合计10012345678", "电话：12345", "电话：400-810-8888", "Tel: 800-820-5100", "联系电话：10086",
        "电话：1381234567", "电话：138123456789", "电话：10012345678元", "330199-10101-CW01-2026-0007",
        "330199-10101-0001-2026-0007", "投资项目代码：2025-500102-48-01-23033", "2026.03.24", "2026 03 24",
        "1 234 567 890 123 456元", "收入 7535 458 1534 7012 7117 2628", "支出 2612 157 4451 5303",
        f"序号 12 {ID18}"[:-1],
    ],
)
def test_grouped_and_labelled_lookalikes_are_not_personal_data(text):
    assert kinds(text) == []


@pytest.mark.parametrize(
    "text, found",
    [
        ("家庭住址：浙江省杭州市西湖区转塘街道东山村3组12号。", "浙江省杭州市西湖区转塘街道东山村3组12号"),
        ("张三，住城关镇青山村12号", "城关镇青山村12号"),
        ("家住青山村", "青山村"), ("户籍地址：城关镇人民路18号", "城关镇人民路18号"),
        ("1\t李四\t青山村3组12号\t560", "青山村3组12号"), ("阳光小区3幢2单元501室", "阳光小区3幢2单元501室"),
        ("现住址安平县城关镇锦绣花园12幢1502室，", "安平县城关镇锦绣花园12幢1502室"),
    ],
)
def test_home_addresses_below_the_township(text, found):
    assert kinds(text) == [(Kind.ADDRESS, found)]


@pytest.mark.parametrize(
    "text",
    [
        "地址：城关镇人民路18号", "办公地址：城关镇人民路18号3楼301室", "住址：城关镇", "家庭住址：安平县城关镇",
        "青山村3组", "青山村2026年第三季度财务公开", "安平县人民政府关于青山村12组48号地块征收的公告",
        "东山村党支部书记", "地址：城关镇青山村", "龙泉街道",
        # A household word before the village is no house number (the demo's 耕地地力保护补贴 text).
        "各户明细可到村务公开查阅点查询。", "共有80户村民",
    ],
)
def test_places_that_are_not_home_addresses(text):
    assert kinds(text) == []


@pytest.mark.parametrize(
    "text, found",
    [
        ("出生日期：1985年3月12日", "1985年3月12日"), ("1985-03-12出生", "1985-03-12"), ("生日 19850312", "19850312"),
        ("出生年月日：1985.3.12，", "1985.3.12"), ("张三，1985/03/12生，", "1985/03/12"),
    ],
)
def test_full_dates_of_birth(text, found):
    assert kinds(text) == [(Kind.BIRTH_DATE, found)]


@pytest.mark.parametrize(
    "text",
    ["出生年月：1985年3月", "1985-03出生", "发布日期：2026年3月12日", "2026.03.01—2026.03.12　生成日期",
     "出生日期：1985年2月30日", "出生日期：2099年1月1日"],
)
def test_dates_that_are_not_dates_of_birth(text):
    assert kinds(text) == []


@pytest.mark.parametrize(
    "function, value, masked",
    [
        (masks.mask_id_number, "110105 19491231 002X", "110105 ******** 002X"),
        (masks.mask_id_number, "330102-850307-123", "330102-******-123"),
        (masks.mask_bank_card, "6222.0212.3456.7890.123", "****.****.****.***0.123"),
        (masks.mask_landline, "057187654321", "0571****4321"),
        (masks.mask_landline, "01012345678", "010****5678"),
        (masks.mask_address, "浙江省杭州市西湖区转塘街道东山村3组12号", "浙江省杭州市西湖区转塘街道"),
        (masks.mask_address, "城关镇青山村12号", "城关镇"),
        (masks.mask_address, "新市镇新市村3组12号", "新市镇"),
        (masks.mask_address, "青山村3组12号", "***"),
        (masks.mask_birth_date, "1985年3月12日", "1985年3月"),
        (masks.mask_birth_date, "1985-03-12", "1985-03"),
        (masks.mask_birth_date, "1985.3.12", "1985.3"),
        (masks.mask_birth_date, "19850312", "198503"),
    ],
)
def test_masks_of_the_new_shapes(function, value, masked):
    assert function(value) == masked


def test_new_shapes_mask_idempotently():
    text = ("户主张三，身份证号 110105 19491231 002x，电话：10012345678，家庭住址：城关镇青山村3组12号，"
            "出生日期：1985年3月12日，卡号 " + ".".join(CARD19[i : i + 4] for i in range(0, 19, 4)) + "。")
    masked = mask_text(text)
    assert masked == ("户主张三，身份证号 110105 ******** 002x，电话：100****5678，家庭住址：城关镇，"
                      "出生日期：1985年3月，卡号 ****.****.****.***" + CARD19[-4] + "." + CARD19[-3:] + "。")
    assert scan_text(masked) == [] and mask_text(masked) == masked
