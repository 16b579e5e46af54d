import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from plans.ingest import IngestError, read_plan_file
from plans.ingest.register import department_register


class Command(BaseCommand):
    help = "Read a signed plan (.docx, .pdf with text, .txt) and print what was found; writes nothing."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args, path, **options):
        file = Path(path)
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(_("%(path)s cannot be read.") % {"path": path}) from error
        try:
            draft = read_plan_file(data, name=file.name, register=department_register())
        except IngestError as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(json.dumps(draft.as_json(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{draft.document_number or '?'} — {draft.issuer or '?'} — {draft.title or '?'}")
        for area in draft.areas:
            self.stdout.write(f"{area.number}. {area.title}")
            for task in area.tasks:
                self.stdout.write(f"  {task.number}. {task.content[:80]} [{task.lead or '?'}; {task.timing}]")
        for warning in draft.warnings:
            self.stdout.write(_("Warning: %(text)s") % {"text": warning})
