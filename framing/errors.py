"""The one exception type users see."""


class FramingError(ValueError):
    """A problem with the user's input.

    The message names the file (and line, row or column) at fault and says how to fix it;
    the command line prints it as one line, without a traceback.
    """
