"""Where the course lives: the one place that names the repository (badges and Colab set-up use it)."""

REPO_URL = "https://github.com/50-gunde-ai/llm-50gun"
REPO_BRANCH = "main"
COLAB_URL = f"https://colab.research.google.com/github/{REPO_URL.removeprefix('https://github.com/')}/blob/{REPO_BRANCH}"
COLAB_CLONE = "/content/llm-50gun"  # where the Colab set-up cell clones the repository
