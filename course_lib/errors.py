"""The one exception course_lib raises for learner mistakes: its text comes from the catalogue."""

from course_lib.messages import t


class CourseError(Exception):
    """A learner-facing error whose message is catalogue entry ``key`` in the current language."""

    def __init__(self, key: str, **values):
        self.key = key
        self.values = values
        super().__init__(t(key, **values))
