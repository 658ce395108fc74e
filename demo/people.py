"""Invented people for the demo: names drawn from common surnames and given-name characters.

No real person's data is used: names are random combinations, with no ID numbers, mobile numbers,
birth dates or home addresses.
"""

import random

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢钟姜崔谭陆范汪金石廖贾夏韦方"
)
GIVEN_CHARACTERS = (
    "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红建国文辉斌波宇浩凯鹏飞晨阳欣怡雪梅琳丹海燕立新志远俊峰晓东春林"
    "永庆德福荣振宏伦嘉慧颖佳琪子涵雨婷思远梓轩宁安和顺康泰玲瑶婉清"
)
GENDERS = ("男", "女")


class PeopleFactory:
    """Deterministic invented names: never the same name twice within one demo."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def name(self) -> str:
        while True:
            length = self.rng.choice((1, 2, 2))
            name = self.rng.choice(SURNAMES) + "".join(self.rng.choice(GIVEN_CHARACTERS) for _ in range(length))
            if name not in self.used:
                self.used.add(name)
                return name

    def gender(self) -> str:
        return self.rng.choice(GENDERS)
