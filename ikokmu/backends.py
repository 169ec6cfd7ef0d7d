from django.contrib.auth.backends import BaseBackend

from ikokmu.roles import Role, roles_of


class ProjectTeamBackend(BaseBackend):
    """The project team may do everything (design.md, roles), including the admin's model
    permissions, without keeping a group's permission list in step with every new model.

    It authenticates nobody; it only answers permission questions.
    """

    def has_perm(self, user_obj, perm, obj=None):
        return Role.PROJECT_TEAM in roles_of(user_obj)

    def has_module_perms(self, user_obj, app_label):
        return Role.PROJECT_TEAM in roles_of(user_obj)
