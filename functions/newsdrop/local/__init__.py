"""The embedded stack: ``infra/template.yaml`` deployed into moto for ``newsdrop demo``/``up`` and tests.

Local-only (the ``local`` extra): nothing here is imported on the Lambda path.
"""
