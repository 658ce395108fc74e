"""Responses of the portal's pages for one person (applications, feedback, consultations).

What a person typed or looks up is never cached by the browser or a proxy; when the API is down, the
page says so in Chinese with 503 and Retry-After instead of an error page.
"""

from django.shortcuts import render
from django.utils.cache import patch_cache_control


def private(response):
    patch_cache_control(response, private=True, no_store=True)
    response["Content-Language"] = "zh-CN"
    return response


def unavailable(request):
    response = render(request, "portal/unavailable.html", status=503)
    response["Retry-After"] = "60"
    return private(response)
