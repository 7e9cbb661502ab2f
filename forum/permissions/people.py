"""Rules about people: one's own profile, data and account, practitioner
applications, and the moderators' and admins' hand on members."""
from .base import NOT_ON_THEM, NO_SUCH_THING, OWN_ACCOUNT, No, active, is_admin, is_staff, signed_in, yourself


def edit_profile(user, member):
    return active(user) and yourself(user, member)


def mark_notifications_read(user, member):
    return signed_in(user) and yourself(user, member)


def own_data(user, member):
    """A member's own data, to download or to delete with the account: a
    suspension doesn't take that right away (it stops writing, not leaving).
    An account already deleted has nothing left to act on."""
    allowed = signed_in(user)
    if not allowed or member is None or member.deleted_at is not None:
        return allowed and NO_SUCH_THING
    return yourself(user, member)


def own_passkey(user, passkey):
    """A member's passkeys are theirs alone to remove, suspended or not:
    suspension stops writing, not looking after one's account."""
    allowed = signed_in(user)
    if not allowed or passkey is None:
        return allowed and NO_SUCH_THING
    return True if passkey.member_id == user.id else OWN_ACCOUNT


def own_session(user, member_session):
    """A signed-in browser is its member's alone to end, suspended or not.
    Another member's, or one already ended, is not there to act on."""
    allowed = signed_in(user)
    if not allowed or member_session is None or member_session.ended_at is not None:
        return allowed and NO_SUCH_THING
    return True if member_session.member_id == user.id else NO_SUCH_THING


def own_sessions(user, member):
    return signed_in(user) and yourself(user, member)


_ADMIN_LEAVING = No("An administrator's account can't be deleted here: whoever runs the forum's server "
                    "takes the administrator role off first, so the forum is never left without one.")


def delete_account(user, member):
    """One's own account, any role but admin: admins are made on the server
    (flask create-admin), and leave the same way. A moderator's role ends
    with the account."""
    own = own_data(user, member)
    return own and (_ADMIN_LEAVING if member.role == "admin" else True)


def applicant(user, application):
    """The member whose practitioner application it is."""
    if application is None:
        return NO_SUCH_THING
    return active(user) and (True if application.member_id == user.id else OWN_ACCOUNT)


def see_application(user, application):
    """An application's private details (licence number, legal name, NPI) are
    for the applicant and the moderators. Suspension doesn't hide one's own."""
    allowed = signed_in(user)
    if not allowed:
        return allowed
    if application is not None and application.member_id == user.id:
        return True
    return is_staff(user)


_OWN_APPLICATION = No("A moderator can't decide their own application; another moderator will.")


def decide_application(user, application):
    staff = is_staff(user)
    if not staff or application is None:
        return staff and NO_SUCH_THING
    return _OWN_APPLICATION if application.member_id == user.id else True


def act_on_member(user, member):
    """Moderators act on members, and admins on moderators too. Nobody acts
    on themself or on an admin: one admin can't lock the others out (an admin
    who goes wrong is dealt with by whoever runs the server); nor on an
    account its member deleted."""
    staff = is_staff(user)
    if not staff:
        return staff
    if member is None or member.id == user.id or member.role == "admin" or member.deleted_at is not None:
        return NOT_ON_THEM
    return True if member.role == "member" or is_admin(user) else NOT_ON_THEM


def change_role(user, member, from_role):
    admin = is_admin(user)
    if not admin:
        return admin
    return True if member is not None and member.id != user.id and member.role == from_role else NOT_ON_THEM
