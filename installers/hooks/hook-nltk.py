"""Overrides pyinstaller-hooks-contrib's hook-nltk: collect nltk's own files, not the builder's nltk_data.

The stock hook copies every folder on nltk.data.path (corpora, models: often hundreds of MB) into the bundle.
TextBlob's sentiment (PatternAnalyzer) needs no corpora. If a feature starts using TextBlob tokenizers (punkt) or
NaiveBayesAnalyzer, add the specific corpus here instead of the whole folder.
"""

from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("nltk", include_py_files=False)
hiddenimports = ["nltk.chunk.named_entity"]
