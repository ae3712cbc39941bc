"""Texts of sign-in, roles and personal data, in Chinese and English."""

MESSAGES: dict[str, tuple[str, str]] = {
    "access.sign_in.title": ("登录", "Sign in"),
    "access.sign_in.intro": (
        "本系统含个人信息，请用单位分配的账号登录。",
        "This dashboard holds personal data: sign in with the account the center"
        " gave you.",
    ),
    "access.username": ("用户名", "Username"),
    "access.password": ("密码", "Password"),
    "access.submit": ("登录", "Sign in"),
    "access.wrong": (
        "用户名或密码不对。连续输错会越来越慢，多次后暂时锁定。",
        "Wrong username or password. Each failure in a row takes longer, and"
        " several lock the account for a while.",
    ),
    "access.locked": (
        "连续输错次数过多，请 {seconds} 秒后再试，或请管理员重置密码。",
        "Too many failures in a row: try again in {seconds} s, or ask for a"
        " password reset.",
    ),
    "access.no_users": (
        "还没有任何用户。在服务器上运行"
        " `python -m onescreen user add 用户名 --role director` 添加第一个用户。",
        "There are no users yet. On the server, run"
        " `python -m onescreen user add NAME --role director` to add the first one.",
    ),
    "access.expired": (
        "登录已过期，请重新登录。",
        "Your session has expired: sign in again.",
    ),
    "access.changed": (
        "账号的密码或角色已变更，请重新登录。",
        "The account's password or role has changed: sign in again.",
    ),
    "access.problem": (
        "登录配置有误：{message}",
        "The sign-in set-up has a problem: {message}",
    ),
    "access.signed_in_as": ("已登录：{name}（{role}）", "Signed in: {name} ({role})"),
    "access.local": (
        "本机使用，未要求登录（{role}权限）",
        "Used on this machine only: no sign-in ({role} rights)",
    ),
    "access.sign_out": ("退出登录", "Sign out"),
    "access.signed_out": ("已退出登录。", "You have signed out."),
    "access.page_refused": (
        "“{role}”角色不能查看此页面。",
        "The {role} role cannot open this page.",
    ),
    "access.role.director": ("主任", "Director"),
    "access.role.analyst": ("分析员", "Analyst"),
    "access.role.data_keeper": ("数据管理员", "Data keeper"),
    "access.role.meeting": ("会议投屏", "Meeting"),
    "access.role.viewer": ("浏览者", "Viewer"),
    "access.pay_hidden": (
        "薪酬数据仅对主任和分析员角色显示。",
        "Pay figures are shown to the director and analyst roles only.",
    ),
    "access.names_masked": (
        "按您的角色，姓名已部分隐去。",
        "Names are partly hidden for your role.",
    ),
    "access.names_hidden": (
        "按您的角色，不显示姓名。",
        "Names are not shown for your role.",
    ),
    "access.followups_read_only": (
        "您的角色只能查看跟进情况，不能修改。",
        "Your role can read the follow-ups but not change them.",
    ),
}
