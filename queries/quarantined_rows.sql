-- One row per problem found in a rejected row: file, line, column, reason.
-- $source, $file_path and $error_code narrow the rows; null means all.
with

rejections as (
    select * from quarantine
),

filtered as (
    select
        source,
        file_path,
        line_number,
        column_name,
        header,
        value,
        error_code,
        reason_zh,
        reason_en,
        row_json
    from rejections
    where
        ($source is null or source = $source)
        and ($file_path is null or file_path = $file_path)
        and ($error_code is null or error_code = $error_code)
)

select * from filtered
order by file_path, line_number, column_name
