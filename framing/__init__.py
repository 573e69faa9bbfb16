"""framing: how news outlets frame the same event, outlet by outlet.

Tables flow one way (see README): ``load_corpus`` -> ``segment_sentences`` -> ``code_frames``
-> ``score_tone`` -> ``summarize_outlets``; ``extract_quotes`` gives the voices.
"""

__version__ = "0.1.0"

from .codebook import Codebook, load_codebook
from .coding import code_frames
from .corpus import iter_corpus, load_corpus
from .errors import FramingError
from .explore import explore_evidence
from .narrative import (describe_caveats, describe_frame, describe_index, describe_outlet,
                        describe_overview, describe_report)
from .plots import (plot_coverage, plot_frame_tone, plot_index, plot_intervals, plot_positions,
                    plot_profile, plot_salience, plot_similarity, plot_terms, plot_tone,
                    plot_voices, plot_agreement)
from .keyness import similarity_order
from .reliability import describe_validation
from .quotes import extract_quotes
from .segment import segment_sentences
from .stream import ScoreOptions, score_to_folder
from .report import (agreement_with, check_frames, choose_outlet, validate_sheets, describe_provenance, prepare_results, provenance,
                     render_report, save_figure, save_text)
from .summarize import add_reliability, evidence, score_corpus, summarize_frames, summarize_outlets, summary_table
from .tone import score_tone


__all__ = [
    "Codebook", "FramingError", "ScoreOptions", "iter_corpus", "score_to_folder", "add_reliability", "agreement_with", "check_frames",
    "choose_outlet", "validate_sheets", "describe_validation", "plot_agreement", "plot_intervals", "plot_similarity", "plot_terms", "similarity_order", "code_frames", "describe_caveats",
    "describe_frame", "describe_index", "describe_outlet", "describe_overview",
    "describe_provenance", "describe_report", "evidence", "explore_evidence",
    "extract_quotes", "load_codebook", "load_corpus", "plot_coverage", "plot_frame_tone",
    "plot_index", "plot_positions", "plot_profile", "plot_salience", "plot_tone",
    "plot_voices", "prepare_results", "provenance", "render_report", "save_figure",
    "save_text", "score_corpus", "score_tone", "segment_sentences", "summarize_frames",
    "summarize_outlets", "summary_table", "__version__",
]
