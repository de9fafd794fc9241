"""GitHub's REST API: the pull request comment the Action keeps up to date.

May import: the standard library only.
"""
