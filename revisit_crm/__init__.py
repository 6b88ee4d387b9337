from . import models, wizards
