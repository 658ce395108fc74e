"""Admin: the year form with inline and pasted days, the dashboard warning, the import command."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.urls import reverse

from cms.workdays.forms import parse_day_lines
from cms.workdays.models import CalendarDay, CalendarYear, DayKind
from cms.workdays.service import is_working_day
from cms.workdays.wagtail_hooks import MissingCalendarPanel, dashboard_panels

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("calendar-admin", "c@example.invalid", "pw")


def staff_user(django_user_model, username, *codenames):
    user = django_user_model.objects.create_user(username, f"{username}@example.invalid", "pw")
    user.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", *codenames]))
    return django_user_model.objects.get(pk=user.pk)


def year_post(year, days=(), bulk="", complete="on"):
    data = {"year": str(year), "source": "国务院办公厅通知", "note": "", "bulk_days": bulk,
            "days-TOTAL_FORMS": str(len(days)), "days-INITIAL_FORMS": "0",
            "days-MIN_NUM_FORMS": "0", "days-MAX_NUM_FORMS": "1000"}
    if complete:
        data["complete"] = complete
    for i, (day, kind, name) in enumerate(days):
        data.update({f"days-{i}-date": day, f"days-{i}-kind": kind, f"days-{i}-name": name, f"days-{i}-id": ""})
    return data


class TestYearForm:
    def test_index_lists_years_with_the_data_used(self, client, superuser, year_2027):
        CalendarYear.objects.create(year=2028)
        client.force_login(superuser)
        response = client.get(reverse("workdays:index"))
        assert response.status_code == 200
        html = response.content.decode()
        assert "2027" in html and "This table" in html and "Not usable" in html

    def test_create_with_inline_and_pasted_days(self, client, superuser):
        client.force_login(superuser)
        data = year_post(2027, days=[("2027-01-01", "holiday", "元旦"), ("2027-02-20", "working_day", "调休")],
                         bulk="# 春节\n2027-02-06..2027-02-14 holiday 春节\n2027-01-01 休 元旦（粘贴）\n")
        response = client.post(reverse("workdays:add"), data)
        assert response.status_code == 302, response.content.decode()[:3000]
        year = CalendarYear.objects.get(year=2027)
        assert year.complete and year.days.count() == 11
        assert CalendarDay.objects.get(date=date(2027, 1, 1)).name == "元旦（粘贴）"  # the pasted line wins
        assert is_working_day(date(2027, 2, 20)) and not is_working_day(date(2027, 2, 8))

    def test_a_day_outside_the_year_is_refused(self, client, superuser):
        client.force_login(superuser)
        response = client.post(reverse("workdays:add"),
                               year_post(2027, days=[("2026-12-31", "holiday", "")], bulk="2028-01-01 holiday"))
        assert response.status_code == 200
        assert not CalendarYear.objects.exists()
        assert "This date is not in 2027." in response.content.decode()
        assert "Line 1: the date is not in 2027." in response.content.decode()

    def test_edit_removes_a_day(self, client, superuser, year_2027):
        client.force_login(superuser)
        days = list(year_2027.days.all())
        data = year_post(2027)
        data.update({"days-TOTAL_FORMS": str(len(days)), "days-INITIAL_FORMS": str(len(days))})
        for i, day in enumerate(days):
            data.update({f"days-{i}-date": day.date.isoformat(), f"days-{i}-kind": day.kind,
                         f"days-{i}-name": day.name, f"days-{i}-id": str(day.pk)})
        data["days-0-DELETE"] = "1"  # 2027-01-01
        assert not is_working_day(date(2027, 1, 1))
        response = client.post(reverse("workdays:edit", args=[year_2027.pk]), data)
        assert response.status_code == 302, response.content.decode()[:3000]
        assert is_working_day(date(2027, 1, 1))


class TestParser:
    def test_lines(self):
        lines = parse_day_lines("2027-01-01 holiday 元旦\n\n# note\n2027-02-06..2027-02-08 假 春节\n2027-02-20 班\n", 2027)
        assert [(line.date.isoformat(), line.kind, line.name) for line in lines] == [
            ("2027-01-01", DayKind.HOLIDAY, "元旦"),
            ("2027-02-06", DayKind.HOLIDAY, "春节"), ("2027-02-07", DayKind.HOLIDAY, "春节"),
            ("2027-02-08", DayKind.HOLIDAY, "春节"),
            ("2027-02-20", DayKind.WORKING_DAY, ""),
        ]

    def test_errors_name_the_lines(self):
        with pytest.raises(ValidationError) as error:
            parse_day_lines("2027-13-01 holiday\n2027-01-02 nap\n2027-01-03\n2027-01-01 holiday\n2027-01-01 班", 2027)
        assert error.value.messages == [
            "Line 1: “2027-13-01” is not a date like 2027-01-01.",
            "Line 2: unknown kind “nap”; use holiday or working_day.",
            "Line 3: expected “date kind [name]”.",
            "Line 5: 2027-01-01 is listed twice.",
        ]


class TestDashboardPanel:
    def panels_for(self, user, today):
        request = RequestFactory().get("/admin/")
        request.user = user
        panels = []
        dashboard_panels(request, panels, today=today)
        return panels

    def test_shown_from_1_november_when_next_year_is_missing(self, superuser):
        assert self.panels_for(superuser, date(2026, 10, 31)) == []
        panels = self.panels_for(superuser, date(2026, 11, 1))
        assert len(panels) == 1 and isinstance(panels[0], MissingCalendarPanel)
        assert panels[0].years == [2027]
        html = panels[0].render_html({"request": None})
        assert "There is no holiday schedule for 2027." in html and reverse("workdays:index") in html

    def test_shown_all_year_when_the_current_year_is_missing(self, superuser):
        assert self.panels_for(superuser, date(2027, 3, 1))[0].years == [2027]

    def test_gone_once_the_year_is_complete(self, superuser, year_2027):
        assert self.panels_for(superuser, date(2026, 11, 1)) == []
        assert self.panels_for(superuser, date(2027, 11, 1))[0].years == [2028]

    def test_only_for_users_who_can_edit_the_calendar(self, django_user_model):
        editor = staff_user(django_user_model, "calendar-editor", "change_calendaryear")
        other = staff_user(django_user_model, "other-staff")
        assert self.panels_for(editor, date(2026, 11, 1))
        assert self.panels_for(other, date(2026, 11, 1)) == []

    def test_dashboard_renders(self, client, superuser):
        client.force_login(superuser)
        assert client.get(reverse("wagtailadmin_home")).status_code == 200


class TestImportCommand:
    def test_import(self, tmp_path, capsys):
        path = tmp_path / "2027.txt"
        path.write_text("2027-01-01 holiday 元旦\n2027-02-06..2027-02-14 holiday 春节\n2027-02-20 working_day\n",
                        encoding="utf-8")
        call_command("calendar_import_year", "2027", str(path))
        assert "NOT complete" in capsys.readouterr().out
        call_command("calendar_import_year", "2027", str(path), "--complete", "--source", "国办发明电")
        year = CalendarYear.objects.get(year=2027)
        assert year.complete and year.source == "国办发明电" and year.days.count() == 11
        assert not is_working_day(date(2027, 2, 8))

    def test_bad_file(self, tmp_path):
        path = tmp_path / "2027.txt"
        path.write_text("2028-01-01 holiday\n", encoding="utf-8")
        with pytest.raises(CommandError, match="Line 1: the date is not in 2027"):
            call_command("calendar_import_year", "2027", str(path))
        with pytest.raises(CommandError, match="cannot read"):
            call_command("calendar_import_year", "2027", str(tmp_path / "missing.txt"))
        assert not CalendarYear.objects.exists()
