"""A task for the worker tests: touches nothing but its own result, so the test cluster needs two apps' tables."""

from django_tasks import task


@task()
def noop(article_id: int) -> int:
    return article_id
