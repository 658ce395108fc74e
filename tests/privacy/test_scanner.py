
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
