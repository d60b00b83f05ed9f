from ipgov.programs.models.awards import Award
from ipgov.programs.models.designations import Designation, DesignationEvent, Evaluation
from ipgov.programs.models.organizations import Organization
from ipgov.programs.models.training import TrainingEvent
from ipgov.programs.models.workplan import WorkPlanTask

__all__ = ["Award", "Designation", "DesignationEvent", "Evaluation", "Organization", "TrainingEvent", "WorkPlanTask"]
