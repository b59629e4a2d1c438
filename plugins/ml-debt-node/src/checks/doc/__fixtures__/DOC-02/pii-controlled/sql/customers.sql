-- email is hashed before it reaches the feature table
SELECT SHA256(email) AS email_key, tenure, spend
FROM crm.customers
