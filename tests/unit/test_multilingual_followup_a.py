"""Follow-ups, all-clears, advice and laughter in zh, vi, ru, ko, ar, fr, ht and pt.

The lexicon keys ``followup``, ``over``/``ongoing`` and ``joke`` in each language's own words,
written for these tests the way residents text (informal, some without accents):

- ``followup``: the writer asks after a report they made before, a status query at any length
  (one message per language is longer than 60 characters, where ``status`` words no longer
  count);
- ``over``: the danger is over ("everyone got out ok", "they found him"), not a report;
- ``advice``: "if you smell gas, get out first", not a report;
- ``rescue``: a rescue under way with someone still inside: an all-clear word for one person
  must not silence the emergency for another;
- ``joke``: laughter with a hazard word and no ask, question or street: not a report;
- ``joke_report``: laughter in a real report that asks for something or names a street;
- ``guard``: live danger worded like an all-clear ("is everyone ok?", "we can't get out",
  "not everyone got out") and fresh reports worded like a follow-up.

Every case must pass, so a lexicon edit that loses one of these phrasings fails here by name.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from bot.domain.triage import Intent
from bot.triage.pipeline import RuleTriage

E, S, ST, NA = (
    Intent.EMERGENCY,
    Intent.SERVICE_REQUEST,
    Intent.STATUS_QUERY,
    Intent.NOT_ACTIONABLE,
)
LANGUAGES = ("zh", "vi", "ru", "ko", "ar", "fr", "ht", "pt")
KINDS = ("followup", "over", "advice", "rescue", "joke", "joke_report")


class Case(NamedTuple):
    language: str
    kind: str
    text: str
    intent: Intent


CASES: list[Case] = [
    # --- Chinese ---
    Case("zh", "followup", "跟进一下我的报修，路灯还是不亮", ST),
    Case(
        "zh",
        "followup",
        "你好，我三个星期前就打电话给311报修了Tasker St和南5街路口的大坑，到现在还是没有人"
        "来处理，车子经过都要绕开，请问到底什么时候才会有人来修？",
        ST,
    ),
    Case("zh", "followup", "有没有派人处理？我上周投诉过路灯", ST),
    Case("zh", "over", "昨晚楼下厨房着火，幸好大家都平安，谢谢消防员！", NA),
    Case("zh", "over", "孩子找到了，谢谢大家帮忙", NA),
    Case("zh", "advice", "如果闻到煤气味，先离开房子，到外面再打电话给PGW。", NA),
    Case("zh", "rescue", "消防员刚把我爸救出来了，但我奶奶还困在二楼里面，火很大！", E),
    Case("zh", "joke", "我的朋友圈被大家的雪景照片淹没了哈哈哈", NA),
    Case("zh", "joke_report", "哈哈，又是我家门口那个路灯坏了，麻烦派人来修一下", S),
    Case("zh", "guard", "大家都没事吗？楼下着火了", E),
    Case("zh", "guard", "我们出不来了，救命！火很大", E),
    Case("zh", "guard", "天气预报了三天的大雪，路上全是冰", S),
    # --- Vietnamese ---
    Case("vi", "followup", "Có tin gì về phản ánh của mình không?", ST),
    Case(
        "vi",
        "followup",
        "Tôi đã báo ổ gà trên đường Spring Garden 3 tuần trước mà đến giờ vẫn chưa có ai tới "
        "sửa, xe chạy qua rất nguy hiểm.",
        ST,
    ),
    Case("vi", "followup", "toi da bao o ga 2 tuan truoc ma chua ai sua", ST),
    Case(
        "vi",
        "over",
        "Tối qua nhà bên cạnh bị cháy nhưng mọi người đều an toàn, cảm ơn lính cứu hỏa.",
        NA,
    ),
    Case("vi", "over", "Có điện lại rồi, cảm ơn PECO", NA),
    Case(
        "vi", "advice", "Nếu bạn ngửi thấy mùi ga thì ra khỏi nhà trước rồi mới gọi PGW nhé.", NA
    ),
    Case(
        "vi",
        "rescue",
        "Ông tôi đã được cứu ra rồi nhưng bà tôi vẫn còn kẹt trong nhà, lửa đang cháy lớn!",
        E,
    ),
    Case("vi", "joke", "Điện thoại của tôi bị ngập tin nhắn chúc Tết haha", NA),
    Case(
        "vi",
        "joke_report",
        "Đèn đường trước nhà tôi lại hư rồi kkk, làm ơn cho người tới sửa giúp",
        S,
    ),
    Case("vi", "guard", "Chúng tôi không thoát ra được rồi, cứu với!", E),
    Case("vi", "guard", "Mọi người có sao không? Nhà bên cạnh đang cháy", E),
    # --- Russian ---
    Case("ru", "followup", "Что с моей заявкой про яму?", ST),
    Case(
        "ru",
        "followup",
        "Я подавала заявку про упавшее дерево на Castor Ave три недели назад, и до сих пор "
        "никто не приехал его убрать.",
        ST,
    ),
    Case("ru", "followup", "Кого-нибудь уже назначили?", ST),
    Case("ru", "over", "Вчера у соседей был пожар, но все живы, спасибо пожарным!", NA),
    Case("ru", "over", "Ребёнка нашли, спасибо всем!", NA),
    Case(
        "ru",
        "advice",
        "Если почувствуете запах газа, сначала выйдите из дома, а потом звоните в PGW.",
        NA,
    ),
    Case(
        "ru",
        "rescue",
        "Маму уже вывели, но бабушка ещё внутри, на втором этаже дым, пожарные её ищут!",
        E,
    ),
    Case("ru", "joke", "Мой телефон затопило мемами про снег ахахах", NA),
    Case("ru", "joke_report", "ахаха, опять яма на 1500 Castor Ave", S),
    Case("ru", "guard", "Все в порядке? У соседей пожар", E),
    Case("ru", "guard", "Сообщаю: упало дерево на Castor Ave", S),
    # --- Korean ---
    Case("ko", "followup", "제 민원 어떻게 됐나요?", ST),
    Case(
        "ko",
        "followup",
        "3주 전에 집 앞 도로에 큰 포트홀 있다고 신고했는데 아직도 아무도 안 왔어요. "
        "차들이 계속 빠져서 타이어가 터질 것 같아요.",
        ST,
    ),
    Case("ko", "followup", "담당자 배정됐나요?", ST),
    Case(
        "ko", "over", "어젯밤 옆집에 불이 났는데 다행히 모두 무사해요. 소방관분들 감사합니다.", NA
    ),
    Case("ko", "over", "아이 찾았어요! 도와주신 분들 감사합니다", NA),
    Case("ko", "advice", "가스 냄새가 나면 먼저 밖으로 나가서 PGW에 전화하세요.", NA),
    Case(
        "ko",
        "rescue",
        "아이들은 다 나왔어요 그런데 할머니가 아직 안에 갇혀 있어요, 소방관들이 구조 중이에요!",
        E,
    ),
    Case("ko", "joke", "단톡방이 눈 사진으로 완전 침수됐어요 ㅋㅋㅋ", NA),
    Case("ko", "joke_report", "ㅋㅋ 또 가로등이 나갔네요, 고쳐 주세요", S),
    Case("ko", "guard", "다들 괜찮아요? 옆집에 불났어요", E),
    Case("ko", "guard", "사람들이 못 나왔어요, 불이 났어요", E),
    # --- Arabic ---
    Case("ar", "followup", "شو صار ببلاغي عن الحفرة؟", ST),
    Case(
        "ar",
        "followup",
        "بلغت عن الحفرة الكبيرة بشارع Castor من ثلاث أسابيع وما حدا إجا لهلق، السيارات عم تخرب.",
        ST,
    ),
    Case("ar", "followup", "هل تم تعيين أحد؟", ST),
    Case(
        "ar",
        "over",
        "صار حريق بالمطبخ عند الجيران امبارح بس الحمد لله الكل بخير، شكراً للإطفائية",
        NA,
    ),
    Case("ar", "over", "لقيناه الحمد لله، شكراً لكل اللي ساعد", NA),
    Case("ar", "advice", "إذا شميت ريحة غاز، اطلع برا البيت أول شي وبعدين اتصل بـ PGW", NA),
    Case(
        "ar",
        "rescue",
        "تم إخراج أمي بس جدتي لسا محبوسة جوا والدخان كتير، الإطفائية عم يحاولوا يوصلولها",
        E,
    ),
    Case("ar", "joke", "تلفوني مليان فيضان رسايل من العيلة ههههه", NA),
    Case(
        "ar",
        "joke_report",
        "هههه الإشارة الضوئية عند تقاطع Broad و Erie معطلة مرة ثانية، ابعتوا حدا يصلحها من فضلكم",
        S,
    ),
    Case("ar", "guard", "الكل بخير؟ في حريق عند الجيران", E),
    Case("ar", "guard", "مش الكل بخير، جدي محبوس جوا والدخان كتير", E),
    # --- French ---
    Case("fr", "followup", "Des nouvelles de mon signalement ?", ST),
    Case(
        "fr",
        "followup",
        "J'ai signalé le nid-de-poule devant chez moi sur Castor Ave il y a trois semaines et "
        "toujours rien, personne n'est venu.",
        ST,
    ),
    Case("fr", "followup", "Quelqu'un a-t-il été assigné ?", ST),
    Case(
        "fr",
        "over",
        "Petit incendie dans la cuisine du voisin hier soir, tout le monde est sorti sain et "
        "sauf, merci aux pompiers !",
        NA,
    ),
    Case("fr", "over", "Le courant est revenu, merci PECO", NA),
    Case(
        "fr",
        "advice",
        "Si vous sentez le gaz, sortez d'abord de la maison et appelez PGW depuis dehors.",
        NA,
    ),
    Case(
        "fr",
        "rescue",
        "Les pompiers l'ont sorti, mais ma grand-mère est encore coincée dans la chambre, "
        "fumée partout !",
        E,
    ),
    Case("fr", "joke", "Mon téléphone est inondé de photos de neige mdr", NA),
    Case(
        "fr",
        "joke_report",
        "mdr encore un nid-de-poule géant sur Castor Ave, svp venez le reboucher",
        S,
    ),
    Case("fr", "guard", "Tout le monde va bien ? Il y a le feu chez le voisin", E),
    Case("fr", "guard", "Ils ne nous ont pas sortis, on est coincés dans la cave", E),
    # --- Haitian Creole ---
    Case("ht", "followup", "Gen nouvèl sou plent mwen an?", ST),
    Case(
        "ht",
        "followup",
        "Mwen te rapòte gwo twou nan lari Tasker la gen twa semèn, epi pèsonn pa vini ranje l "
        "toujou.",
        ST,
    ),
    Case("ht", "followup", "Èske yo voye yon moun deja?", ST),
    Case(
        "ht",
        "over",
        "Te gen yon dife nan kwizin vwazen an yè swa, men tout moun soti an sekirite, mèsi "
        "ponpye yo!",
        NA,
    ),
    Case("ht", "over", "Nou jwenn li, mèsi tout moun", NA),
    Case("ht", "advice", "Si w santi gaz, soti deyò anvan, epi rele PGW.", NA),
    Case(
        "ht",
        "rescue",
        "Ponpye yo deja rale li soti, men grann mwen toujou bloke anndan kay la, gen anpil "
        "lafimen!",
        E,
    ),
    Case("ht", "joke", "Telefòn mwen inonde ak foto nèj lol", NA),
    Case(
        "ht",
        "joke_report",
        "lol limyè lari a devan kay mwen etenn ankò, tanpri voye yon moun ranje l",
        S,
    ),
    Case("ht", "guard", "Tout moun pa soti, gen dife nan kay la", E),
    Case("ht", "guard", "M ap rapòte yon pyebwa ki tonbe sou Wayne Ave", S),
    # --- Portuguese ---
    Case("pt", "followup", "Alguma novidade sobre o meu chamado?", ST),
    Case(
        "pt",
        "followup",
        "Reportei o buraco enorme na frente da minha casa na Castor Ave há três semanas e até "
        "agora ninguém apareceu.",
        ST,
    ),
    Case("pt", "followup", "Liguei pra prefeitura semana passada sobre a árvore e nada", ST),
    Case(
        "pt",
        "over",
        "Pegou fogo na cozinha do vizinho ontem à noite, mas todo mundo saiu a tempo, obrigado "
        "aos bombeiros!",
        NA,
    ),
    Case("pt", "over", "Encontramos ele, obrigado a todos!", NA),
    Case(
        "pt",
        "advice",
        "Se sentir cheiro de gás, saia de casa primeiro e depois ligue para a PGW.",
        NA,
    ),
    Case(
        "pt",
        "rescue",
        "Os bombeiros já o tiraram, mas minha avó ainda está presa no quarto e tem muita fumaça!",
        E,
    ),
    Case("pt", "joke", "Meu celular tá alagado de fotos de neve kkkkk", NA),
    Case(
        "pt", "joke_report", "kkkk mais um buraco na Castor Ave, por favor mandem alguém tapar", S
    ),
    Case("pt", "guard", "Nem todo mundo saiu a tempo, tem fumaça e meu avô tá lá dentro", E),
    Case("pt", "guard", "Minha reclamação é sobre um buraco enorme na Castor Ave", S),
]


def test_every_language_has_every_kind() -> None:
    for language in LANGUAGES:
        cases = [c for c in CASES if c.language == language]
        assert {c.kind for c in cases} >= set(KINDS), language
        followups = [c for c in cases if c.kind == "followup"]
        assert len(followups) >= 2, language
        # one long enough that only the ``followup`` key, not ``status``, can catch it
        assert any(len(c.text) > 60 for c in followups), language
        reports = [c for c in cases if c.kind == "joke_report"]
        assert all(c.intent is S for c in reports), language


@pytest.mark.parametrize(
    "case", CASES, ids=[f"{c.language}-{c.kind}-{i}" for i, c in enumerate(CASES)]
)
def test_followup_over_and_laughter(triager: RuleTriage, case: Case) -> None:
    result = triager.triage(case.text, language_hint=case.language)
    assert (result.language, result.intent) == (case.language, case.intent), (
        case.text,
        result.category,
    )
