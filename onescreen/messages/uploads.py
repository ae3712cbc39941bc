"""Texts of the uploads area, in Chinese and English."""

MESSAGES: dict[str, tuple[str, str]] = {
    "uploads.title": ("上传导出文件", "Upload exports"),
    "uploads.caption": (
        "把各系统导出的 CSV 拖到这里。每个文件先经检查：识别为哪个数据源、将载入多少行、"
        "哪些行将被拒收及原因；提交之前不保存任何文件。提交后，文件复制到"
        " {exports}/<数据源>/ 下（不覆盖已有文件），数据库随即重新构建。"
        "拒收行超过 {share} 的文件需勾选确认后才能提交。",
        "Drop the other systems' CSV exports here. Each file is checked first: which"
        " source it is, how many rows would load and which rows would be rejected and"
        " why. Nothing is saved until you commit; committing copies the files into"
        " {exports}/<source>/ (no existing export is replaced) and rebuilds the"
        " database. A file that would reject more than {share} of its rows needs a"
        " tick before it is committed.",
    ),
    "uploads.settings_error": (
        "配置文件有误，暂不能上传：{message}",
        "Uploads are not available while the settings file has a problem: {message}",
    ),
    "uploads.files": ("导出文件（CSV）", "Export files (CSV)"),
    "uploads.files_help": (
        "可一次选择多个文件。支持 UTF-8、UTF-8 BOM 和 GBK 编码，逗号、制表符、分号或"
        "竖线分隔；表头上方的标题行和末尾的合计行会被跳过。",
        "Several files at once. UTF-8, UTF-8 with BOM or GBK; comma, tab, semicolon"
        " or bar delimited; a title row above the header and a totals row at the end"
        " are passed over.",
    ),
    "uploads.browse": ("选择文件", "Browse files"),
    "uploads.limits": (
        "每个文件不超过 {size} MB · {types}",
        "Up to {size} MB per file · {types}",
    ),
    "uploads.choose_source_needed": (
        "表头同样符合{sources}：请选择文件所属的数据源，选择后再检查。",
        "The header fits {sources} equally well: choose the file's source to check it.",
    ),
    "uploads.choose_source": ("数据源", "Source"),
    "uploads.choose_placeholder": ("请选择数据源", "Choose a source"),
    "uploads.choose_source_help": (
        "编制内和编制外花名册的列名大多相同；请按导出文件的来源系统选择。",
        "The rosters of both employment tracks share most headers; choose by the"
        " system the file was exported from.",
    ),
    "uploads.source": ("识别为", "Recognised as"),
    "uploads.rows_to_load": ("将载入行数", "Rows that would load"),
    "uploads.rows_to_reject": ("将拒收行数", "Rows that would be rejected"),
    "uploads.reject_share": ("拒收比例", "Share rejected"),
    "uploads.file_clean": ("所有数据行都能载入。", "Every data row would load."),
    "uploads.file_partly": (
        "{rejected} 行将被拒收（不载入，记入隔离区），其余行可以载入；"
        "拒收的行及原因见下表。",
        "{rejected} row(s) would be rejected (not loaded, kept in quarantine) and the"
        " rest would load; the rejected rows and the reasons are below.",
    ),
    "uploads.not_recognised": (
        "无法识别数据源，不能提交：{reason}",
        "The source cannot be recognised, so the file cannot be committed: {reason}",
    ),
    "uploads.cannot_commit": (
        "按“{source}”检查，不能提交：{reason}",
        "Checked as '{source}'; it cannot be committed: {reason}",
    ),
    "uploads.already_present": (
        "导出文件夹中已有内容相同的文件 {existing}，提交时将跳过此文件。",
        "An export with the same content is already there ({existing}); this file"
        " will be skipped when you commit.",
    ),
    "uploads.confirm_needed": (
        "{share} 的行将被拒收，超过 {limit}：勾选确认后才会提交此文件。",
        "{share} of the rows would be rejected, more than {limit}: tick the box to"
        " commit this file.",
    ),
    "uploads.confirm": (
        "确认提交此文件（{share} 的行将被拒收，超过 {limit}）",
        "Commit this file anyway ({share} of its rows would be rejected, more than"
        " {limit})",
    ),
    "uploads.confirm_help": (
        "被拒收的行不会载入，保留在隔离区；修改导出文件后可重新上传。",
        "Rejected rows are not loaded; they are kept in quarantine. Correct the"
        " export and upload it again.",
    ),
    "uploads.left_out": ("以下文件不会提交：{files}", "Not committed: {files}"),
    "uploads.ready": (
        "可以提交 {count} 个文件；提交后数据库将重新构建。",
        "{count} file(s) can be committed; committing rebuilds the database.",
    ),
    "uploads.none_ready": (
        "没有可以提交的新文件。",
        "There is no new file to commit.",
    ),
    "uploads.commit": ("提交并重新构建", "Commit and rebuild"),
    "uploads.commit_help": (
        "把可以提交的文件复制到导出文件夹的数据源文件夹下（同名文件不覆盖，另起新名），"
        "然后重新构建数据库。",
        "Copy the files that can be committed into their source's folder of the"
        " exports (an export of the same name is never replaced; the copy gets a new"
        " name), then rebuild the database.",
    ),
    "uploads.busy": (
        "另一次构建正在进行，请稍后再提交。",
        "Another build is running; commit again in a moment.",
    ),
    "uploads.write_failed": (
        "文件无法保存到导出文件夹：{error}。数据库未重新构建。",
        "The files could not be saved in the exports folder: {error}. The database"
        " was not rebuilt.",
    ),
    "uploads.building": ("正在重新构建数据库…", "Rebuilding the database…"),
    "uploads.build_starting": ("正在读取导出文件…", "Reading the exports…"),
    "uploads.build_progress": (
        "已读取 {done}/{total} 个文件：{file}",
        "Read {done} of {total} files: {file}",
    ),
    "uploads.build_deriving": (
        "正在计算指标、评分和预警…",
        "Computing figures, scores and alerts…",
    ),
    "uploads.build_done": ("数据库已重新构建", "The database is rebuilt"),
    "uploads.build_failed": ("构建失败", "The build failed"),
    "uploads.outcome.written": (
        "已保存 {count} 个文件：{files}",
        "{count} file(s) saved: {files}",
    ),
    "uploads.outcome.identical": (
        "{file} 与已有的 {existing} 内容相同，已跳过。",
        "{file} has the same content as {existing}; skipped.",
    ),
    "uploads.outcome.left_out": (
        "{file} 未提交：{reason}",
        "{file} was not committed: {reason}",
    ),
    "uploads.outcome.write_failed": (
        "{file} 无法保存到导出文件夹：{error}。其余文件照常保存和构建。",
        "{file} could not be saved in the exports folder: {error}. The other files"
        " were saved and built as usual.",
    ),
    "uploads.outcome.build_failed": (
        "文件已保存，但数据库未能重新构建，仍在使用上一版数据库。原因：{reason}",
        "The files are saved, but the database could not be rebuilt; the previous"
        " database is still in use. Reason: {reason}",
    ),
    "uploads.outcome.nothing_new": (
        "没有需要保存的新文件，数据库未重新构建。",
        "There was nothing new to save; the database was not rebuilt.",
    ),
    "uploads.outcome.built": (
        "数据库已重新构建：{files} 个文件，载入 {loaded:,} 行，拒收 {rejected:,} 行，"
        "统计截止 {as_of}，用时 {seconds} 秒。",
        "The database is rebuilt: {files} files, {loaded:,} rows loaded,"
        " {rejected:,} rejected, as of {as_of}, in {seconds} s.",
    ),
    "uploads.outcome.files_caption": (
        "新构建对本次保存的文件的处理结果：",
        "What the new build made of the files just saved:",
    ),
    "uploads.reason.choose_source": ("未选择数据源", "no source chosen"),
    "uploads.reason.needs_confirmation": (
        "拒收比例超过上限，未勾选确认",
        "too many rows rejected, and not confirmed",
    ),
}
