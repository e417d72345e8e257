import os

from celery import Celery
from celery.contrib.django.task import DjangoTask
from django.db import transaction

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.settings")


class Task(DjangoTask):
    def delay_on_commit(self, *args, **kwargs) -> None:
        # robust: a broker outage after commit must not turn a saved change into an
        # error page; the work is already a database row that a periodic sweep picks up.
        transaction.on_commit(lambda: self.delay(*args, **kwargs), robust=True)


app = Celery("coalition", task_cls=Task)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
