from . import project_project, project_task
