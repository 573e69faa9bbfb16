"""framing: how news outlets frame the same event, outlet by outlet.

Tables flow one way (see README): ``load_corpus`` -> ``segment_sentences`` -> ``code_frames``
-> ``score_tone`` -> ``summarize_outlets``; ``extract_quotes`` gives the voices.
"""

from .codebook import Codebook, load_codebook
from .coding import code_frames
from .corpus import load_corpus
from .errors import FramingError
from .quotes import extract_quotes
from .segment import segment_sentences
from .summarize import evidence, score_corpus, summarize_frames, summarize_outlets
from .tone import score_tone

__version__ = "0.1.0"

__all__ = [
    "Codebook", "FramingError", "code_frames", "evidence", "extract_quotes", "load_codebook",
    "load_corpus", "score_corpus", "score_tone", "segment_sentences", "summarize_frames",
    "summarize_outlets", "__version__",
]
