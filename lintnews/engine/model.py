"""The old import path of the rule types (lintnews.engine.rule_types), kept for plugins
written before lintnews.plugin existed. New code imports from lintnews.plugin."""

from lintnews.engine.rule_types import *  # noqa: F403
from lintnews.engine.rule_types import __all__  # noqa: F401
